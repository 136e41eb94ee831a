/// The cache's tables, versioned with `PRAGMA user_version`. A file with another version is not
/// migrated: it is rebuilt, since everything in it can be read again from the API.
///
/// Version 2: `lazy.pages` (the validators of every page of a lazy-data list, replacing one `etag`)
/// and `list_pages` (each page of the last full list with its `ETag` and the keys of its items).
/// `list_pages` is an ordinary rowid table: its rows (about a kilobyte of keys for a page of 100) are
/// far past the size at which SQLite stores `WITHOUT ROWID` rows well, and it is a third the size this
/// way; a file written with either form has the same columns and is read alike.
enum CacheSchema {
    static let version = 2

    static let create = """
        CREATE TABLE sources(
            key TEXT PRIMARY KEY, api_base TEXT NOT NULL, description TEXT NOT NULL,
            last_sync INTEGER, last_full_list INTEGER) WITHOUT ROWID;
        CREATE TABLE items(
            source TEXT NOT NULL, key TEXT NOT NULL, listing INTEGER NOT NULL, created INTEGER NOT NULL,
            number INTEGER NOT NULL, updated INTEGER NOT NULL, data BLOB NOT NULL,
            PRIMARY KEY(source, key)) WITHOUT ROWID;
        CREATE INDEX items_order ON items(source, listing, created, number);
        CREATE TABLE lazy(
            source TEXT NOT NULL, key TEXT NOT NULL, field TEXT NOT NULL, updated INTEGER NOT NULL,
            pages TEXT, data BLOB NOT NULL,
            PRIMARY KEY(source, key, field)) WITHOUT ROWID;
        CREATE TABLE list_etags(
            source TEXT NOT NULL, url TEXT NOT NULL, etag TEXT NOT NULL,
            PRIMARY KEY(source, url)) WITHOUT ROWID;
        CREATE TABLE list_pages(
            source TEXT NOT NULL, listing TEXT NOT NULL, page INTEGER NOT NULL, url TEXT NOT NULL, etag TEXT,
            objects INTEGER NOT NULL, keys TEXT NOT NULL,
            PRIMARY KEY(source, listing, page));
        PRAGMA user_version = \(version);
        """
}
