# triage in a container: built with the official Swift image by scripts/package.sh (the same static
# binary as the release archive), run on Debian slim with only the binary and CA certificates.
#   docker build -t triage .
#   docker run --rm -v "$PWD:/work" triage lint --format github Rules

ARG SWIFT_VERSION=6.3

FROM swift:${SWIFT_VERSION}-bookworm AS build
WORKDIR /src
COPY . .
RUN scripts/package.sh \
 && mkdir /out \
 && tar -xzf dist/triage-*-linux-*.tar.gz -C /out --strip-components=1

FROM debian:bookworm-slim
ARG VERSION=dev
LABEL org.opencontainers.image.title="triage" \
      org.opencontainers.image.description="Declarative issue triage: lint, test and apply rule files over GitHub and GitLab issues" \
      org.opencontainers.image.version="${VERSION}"
# ca-certificates is not pinned (DL3008): it must follow Debian's updates, and a pinned version
# disappears from the archive when one lands.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 triage \
 && useradd --system --uid 10001 --gid 10001 --create-home --home-dir /home/triage triage
COPY --from=build /out/triage /usr/local/bin/triage
USER 10001:10001
WORKDIR /work
ENTRYPOINT ["triage"]
CMD ["--help"]
