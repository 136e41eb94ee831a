import Foundation
import Synchronization
public import TriageCache
public import TriageEngine
import TriageJSON
public import TriageLanguage

/// A remote provider behind the persistent cache (SPEC §7): the first listing of a run synchronizes
/// the repository's unfiltered issues into the cache — everything on a cold or expired cache, else
/// only what changed since the last complete sync minus 60 s — and the run then reads the cache,
/// filtering locally by state, kind, labels and `updated`, so that an issue closed or unlabelled since
/// the last run is never left stale. Only a sync that read every page is committed (one transaction),
/// so a run killed mid-sync leaves the previous, consistent cache.
///
/// Lazy data is reused while the issue's `updated` is what it was stored for; otherwise it is read
/// again, each stored page with its `ETag` as `If-None-Match` (`StoredLazyPages`): a 304 page reuses
/// its stored records. A full re-list asks each page of the last one conditionally too, and a
/// listing that was empty last time is asked again conditionally (`SyncListing`), so an unchanged
/// repository costs 304s. Single-issue reads (`explain`, `--event`) and writes go to the wrapped provider.
public struct CachedIssueProvider<Base: IncrementalSource>: IssueProvider {
    public let base: Base
    let cache: IssueCache
    let key: CacheSourceKey
    /// A full re-list happens when the last one is at least this old (`--cache-max-age`).
    let maxAgeMilliseconds: Int64
    let clock: @Sendable () -> Timestamp
    private let synchronized: SyncOnce

    public init(base: Base, cache: IssueCache, maxAgeSeconds: Int,
                clock: (@Sendable () -> Timestamp)? = nil) {
        self.base = base
        self.cache = cache
        key = CacheSourceKey(apiBase: base.apiBase, repository: base.cacheRepository, description: base.sourceDescription)
        maxAgeMilliseconds = Int64(maxAgeSeconds) * 1000
        self.clock = clock ?? { Timestamp(millisecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1000)) }
        synchronized = SyncOnce()
    }

    public var sourceDescription: String { base.sourceDescription }
    public var capabilities: ProviderCapabilities { base.capabilities }
    public var runNotes: ProviderRunNotes {
        var notes = base.runNotes
        notes.notModified = base.client.notModifiedResponses
        return notes
    }
    public func shutdown() async { await base.shutdown() }

    public func issues(matching query: IssueQuery) -> CachedIssueSequence {
        let decoder = IssueJSONDecoder(fields: query.fields)
        return CachedIssueSequence(
            open: { [self] in
                let unsaved = try await synchronized.run { try await synchronize() }
                return CachedItemStream(cursor: try cache.itemCursor(of: key), unsaved: unsaved)
            },
            decode: { item in
                let issue = try CachedRecordCoding.decode(item.data, with: decoder)
                return Self.admits(issue, query) ? issue : nil
            })
    }

    /// The pushed-down filters a remote listing would have applied, applied locally.
    static func admits(_ issue: Issue, _ query: IssueQuery) -> Bool {
        if let state = query.state, issue.state != state { return false }
        if let kind = query.kind, issue.kind != kind { return false }
        if let since = query.updatedSince, issue.updated < since { return false }
        return query.labels.allSatisfy(issue.labels.contains)
    }

    /// Brings the cache up to date with the API. Returns the items read but not committed (none after a
    /// complete sync): the run reads them over what the cache holds.
    func synchronize() async throws -> [CachedItem] {
        let state = try cache.syncState(of: key)
        let now = clock()
        var since: Timestamp?
        if let state, let lastSync = state.lastSync, let lastFull = state.lastFullList,
           now.millisecondsSinceEpoch - lastFull < maxAgeMilliseconds {
            since = Timestamp(millisecondsSinceEpoch: lastSync - 60_000)
        }
        let knownETags = since == nil ? [:] : try cache.listETags(of: key)
        let knownPages = since == nil ? try revalidatablePages() : [:]
        let base = self.base
        let listing = try await SyncListing(client: base.client, resource: base.resource, pageConcurrency: base.pageConcurrency,
                                            cacheKey: { base.cacheKey(of: $0) })
            .read(base.syncListURLs(updatedSince: since), knownETags: knownETags, knownPages: knownPages)
        let changed = listing.issues.map { entry in
            CachedItem(key: base.cacheKey(of: entry.issue), listing: entry.listing, created: entry.issue.created.millisecondsSinceEpoch,
                       number: entry.issue.number, updated: entry.issue.updated.millisecondsSinceEpoch,
                       data: CachedRecordCoding.encode(entry.issue))
        }
        guard listing.complete else {
            // `--max-requests` cut the read short: nothing is committed (the next run syncs from the
            // same point), and this run evaluates what it read over what the cache already held.
            return changed
        }
        // Nothing changed: keep the sync time, so the next run asks the same URL and its ETag holds
        // (an earlier `since` only ever lists more).
        let serverTime = since != nil && changed.isEmpty ? nil : (listing.serverDate ?? now).millisecondsSinceEpoch
        try cache.commitSync(of: key, changed: changed, fullList: since == nil, serverTime: serverTime,
                             localTime: now.millisecondsSinceEpoch, listETags: listing.emptyListingETags,
                             unchanged: listing.unchangedKeys, listedPages: listing.pages)
        return []
    }

    /// The pages of the last full list, by listing, that a 304 can vouch for: each listing stops
    /// before the first page naming an item the cache does not hold (it was written by the same
    /// commit, so only a damaged cache lacks one), and from there on is read afresh.
    private func revalidatablePages() throws -> [String: [ListedPage]] {
        let pages = try cache.listedPages(of: key)
        guard !pages.isEmpty else { return [:] }
        let held = try cache.itemKeys(of: key)
        return pages.mapValues { listing in Array(listing.prefix { $0.keys.allSatisfy(held.contains) }) }.filter { !$0.value.isEmpty }
    }

    public func issue(number: Int) async throws -> Issue { try await base.issue(number: number) }
    public func issue(number: Int, kind: ItemKind) async throws -> Issue { try await base.issue(number: number, kind: kind) }

    public func loadComments(of issue: Issue) async throws -> [IssueComment] {
        if let embedded = issue.embeddedComments { return embedded }
        return try await lazy(.comments, of: issue, parse: base.comments(from:),
                              encode: CachedRecordCoding.encode, decode: CachedRecordCoding.decodeComments)
    }

    public func loadLabelEvents(of issue: Issue) async throws -> [LabelEvent] {
        if let embedded = issue.embeddedLabelEvents { return embedded }
        return try await lazy(.labelEvents, of: issue, parse: base.labelEvents(from:),
                              encode: CachedRecordCoding.encode, decode: CachedRecordCoding.decodeLabelEvents)
    }

    private func lazy<Record>(_ field: LazyField, of issue: Issue, parse: ([JSONValue]) -> [Record],
                              encode: ([Record]) -> [UInt8], decode: ([UInt8]) throws -> [Record]) async throws -> [Record] {
        guard let request = base.lazyRequest(field, of: issue) else { return [] }
        let itemKey = base.cacheKey(of: issue), updated = issue.updated.millisecondsSinceEpoch
        let stored = try cache.lazyData(of: key, key: itemKey, field: field.rawValue)
        if let stored, stored.updated == updated { return try decode(stored.data) }
        let storedPages = StoredLazyPages.decode(stored?.pages)
        let pages = try await base.client.getAllObjects(request.url, resource: request.resource, revalidating: storedPages.map(\.validator))
        let merged = try StoredLazyPages.merge(pages, stored: storedPages, url: request.url,
                                               storedRecords: { try decode(stored?.data ?? []) }, parse: parse)
        if merged.unchanged {
            try cache.revalidateLazyData(of: key, key: itemKey, field: field.rawValue, updated: updated)
        } else {
            try cache.storeLazyData(of: key, key: itemKey, field: field.rawValue, updated: updated,
                                    pages: StoredLazyPages.encode(merged.pages), data: encode(merged.records))
        }
        return merged.records
    }
}

/// Writes go to the wrapped provider; the next sync sees what they changed through `updated`.
extension CachedIssueProvider: ForwardingIssueWriter where Base: IssueWriter {
    public var writer: Base { base }
}

extension CachedIssueProvider: IssueWriter where Base: IssueWriter {}

/// The issues of a cached source: the first `next()` synchronizes (once per provider and run) and
/// opens a cursor on the cache; each later one decodes the next cached item the query admits, so the
/// stream holds one batch of rows and one issue, whatever the repository's size.
public struct CachedIssueSequence: AsyncSequence, Sendable {
    let open: @Sendable () async throws -> CachedItemStream
    /// The issue an item holds, or nil when the query's local filters leave it out.
    let decode: @Sendable (CachedItem) throws -> Issue?

    public struct AsyncIterator: AsyncIteratorProtocol {
        var open: (@Sendable () async throws -> CachedItemStream)?
        let decode: @Sendable (CachedItem) throws -> Issue?
        var items: CachedItemStream?

        public mutating func next() async throws -> Issue? {
            if let open {
                self.open = nil
                items = try await open()
            }
            while let item = try items?.next() {
                if let issue = try decode(item) { return issue }
            }
            items = nil
            return nil
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(open: open, decode: decode) }
}

/// One synchronization per provider and run, however many streams are opened. A stream that is
/// cancelled stops waiting; the shared sync is cancelled (and forgotten, so a later stream starts
/// afresh) only when no stream waits for it any more, so one consumer giving up cannot fail the others.
final class SyncOnce: Sendable {
    private struct State {
        var task: Task<[CachedItem], any Error>?
        var waiting = 0
    }

    private let state = Mutex(State())

    func run(_ body: @escaping @Sendable () async throws -> [CachedItem]) async throws -> [CachedItem] {
        let task = state.withLock { state in
            state.waiting += 1
            if let task = state.task { return task }
            let started = Task { try await body() }
            state.task = started
            return started
        }
        return try await withTaskCancellationHandler {
            defer { state.withLock { $0.waiting -= 1 } }
            return try await task.value
        } onCancel: {
            let abandoned = state.withLock { state -> Bool in
                guard state.waiting == 1 else { return false }
                state.task = nil
                return true
            }
            if abandoned { task.cancel() }
        }
    }
}
