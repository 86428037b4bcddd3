# A Swift builder base for machines without a container registry: Debian bookworm (built locally
# by scripts/compose.sh with mmdebstrap) + this machine's Swift toolchain + its Swift package
# mirrors, so `FROM <this image>` builds CrimeScope offline, like `FROM swift:6.2-bookworm` does
# with a registry. scripts/compose.sh prepares the context (hard links, trimmed):
#   swift/            /opt/swift without lldb, sourcekit-lsp, clangd, docc, swift-format, embedded
#   swift-packages/   /opt/swift-packages (bare git mirrors, owner/name.git)
ARG BASE_IMAGE=local/bookworm:12
FROM ${BASE_IMAGE}
# What the toolchain needs to compile and link (the official swift:bookworm image's list,
# without lldb's Python) plus git for SwiftPM.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      binutils ca-certificates git libc6-dev libcurl4-openssl-dev libedit2 libgcc-12-dev libncurses-dev \
      libsqlite3-0 libstdc++-12-dev libxml2-dev libz3-dev pkg-config tzdata unzip zlib1g-dev \
 && rm -rf /var/lib/apt/lists/*
COPY swift-packages/ /opt/swift-packages/
# git (and so SwiftPM) reads github.com addresses from the local mirrors, as /etc/gitconfig
# does on the host.
RUN git config --system --add url./opt/swift-packages/.insteadOf https://github.com/ \
 && git config --system --add url./opt/swift-packages/.insteadOf git@github.com: \
 && git config --system --add safe.directory '*'
COPY swift/ /opt/swift/
ENV PATH=/opt/swift/usr/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
RUN swift --version
