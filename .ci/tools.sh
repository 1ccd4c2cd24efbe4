# Sourced by .ci/run and .ci/lint: build a Go tool at a pinned version once
# and reuse the binary on later runs.
#
#   bin=$(ci_tool golangci-lint github.com/golangci/golangci-lint/v2/cmd/golangci-lint v2.15.0)
#
# The binary lives in $CONVENE_CI_TOOLS (default: $(go env GOPATH)/convene-ci-tools),
# named with its version, so a version bump in these scripts builds the new one.
# The first build is the expensive part: goreleaser v2.15.1 pulls ~1.9 GB of
# modules and took 18–32 min on the shared 2-core VM with empty caches
# (README, "Building"); after that a run costs nothing.
ci_tool() {
  local name=$1 pkg=$2 version=$3
  local dir=${CONVENE_CI_TOOLS:-$(go env GOPATH)/convene-ci-tools}
  local bin=$dir/$name-$version
  if [ ! -x "$bin" ]; then
    echo "building $name $version once (cached in $dir)..." >&2
    local tmp
    tmp=$(mktemp -d)
    GOBIN=$tmp go install "$pkg@$version" >&2
    mkdir -p "$dir"
    mv "$tmp/$name" "$bin"
    rm -rf "$tmp"
  fi
  echo "$bin"
}
