#!/usr/bin/env bash
# Fails when a module includes what its CMake target does not link: a core or adapter module may
# include another module's headers, or a third-party library's, only when its target (directly or
# through the public links of the targets it links) links that module or library. A header-only
# include slips past the linker; this catches it, and with it every include cycle between modules.
set -uo pipefail
cd "$(dirname "$0")/.."

declare -A public_deps private_deps
# "name|public deps|private deps" for each chinjeol_*_library call and target_link_libraries.
while IFS='|' read -r name public private; do
  public_deps[$name]="${public_deps[$name]:-} $public"
  private_deps[$name]="${private_deps[$name]:-} $private"
done < <(
  for file in src/core/*/CMakeLists.txt src/adapters/*/CMakeLists.txt; do
    sed 's/#.*//' "$file" | tr '\n' ' ' |
      grep -oE '(chinjeol_(core|adapter)_library|target_link_libraries)\([^)]*\)' |
      awk '{
        gsub(/[()]/, " ");
        name = $2; section = "none"; pub = ""; priv = "";
        for (i = 3; i <= NF; i++) {
          if ($i == "SOURCES") { section = "sources"; continue }
          if ($i == "DEPS" || $i == "PUBLIC" || $i == "INTERFACE") { section = "public"; continue }
          if ($i == "PRIVATE_DEPS" || $i == "PRIVATE") { section = "private"; continue }
          if (section == "public") pub = pub " " $i;
          if (section == "private") priv = priv " " $i;
        }
        print name "|" pub "|" priv;
      }'
  done
)

# Everything a target reaches: its own links, and the public links of chinjeol targets, onwards.
reach() {
  local start=$1 seen=" " queue=("${public_deps[$1]:-}" "${private_deps[$1]:-}") item
  local -a pending
  read -ra pending <<<"${queue[*]}"
  while [ "${#pending[@]}" -gt 0 ]; do
    item=${pending[0]}
    pending=("${pending[@]:1}")
    case "$seen" in *" $item "*) continue ;; esac
    seen="$seen$item "
    if [ -n "${public_deps[$item]:-}" ]; then
      local -a more
      read -ra more <<<"${public_deps[$item]}"
      pending+=("${more[@]}")
    fi
  done
  echo "$seen"
}

# Which link a third-party include needs.
library_of() {
  case "$1" in
    Eigen/*) echo "Eigen3::Eigen" ;;
    boost/*) echo "Boost::json" ;;
    CLI/*) echo "CLI11::CLI11" ;;
    spdlog/* | fmt/*) echo "spdlog::spdlog" ;;
    sodium.h) echo "PkgConfig::SODIUM" ;;
    sqlite3.h) echo "SQLite::SQLite3" ;;
    libpq-fe.h) echo "PkgConfig::PQ" ;;
    csv.h) echo "chinjeol_libcsv" ;;
    zip.h) echo "PkgConfig::LIBZIP" ;;
    expat.h) echo "PkgConfig::EXPAT" ;;
    xlsxwriter.h | xlsxwriter/*) echo "PkgConfig::XLSXWRITER" ;;
    *) echo "" ;;
  esac
}

status=0
for dir in src/core/*/ src/adapters/*/; do
  module=$(basename "$dir")
  layer=$(basename "$(dirname "$dir")")
  target="chinjeol_$module"
  [ -n "${public_deps[$target]+x}" ] || continue
  reached=$(reach "$target")
  # The module's own code: tests and test fixtures link more and are left out.
  sources=$(find "$dir" \( -name '*.cpp' -o -name '*.hpp' \) | grep -v -e '_test\.cpp$' -e '/testing/' -e '/fixtures/' -e 'test_support')
  [ -n "$sources" ] || continue
  while IFS=: read -r file line include; do
    needed=""
    if [[ "$include" =~ ^\"(core|adapters)/([a-z_]+)/ ]]; then
      other_layer=${BASH_REMATCH[1]}
      other=${BASH_REMATCH[2]}
      [ "$other_layer" = "$layer" ] && [ "$other" = "$module" ] && continue
      needed="chinjeol_$other"
    elif [[ "$include" =~ ^\<([^>]+)\> ]]; then
      needed=$(library_of "${BASH_REMATCH[1]}")
    fi
    [ -n "$needed" ] || continue
    case "$reached" in *" $needed "*) continue ;; esac
    echo "module_links: $file:$line includes $include, but $target does not link $needed"
    status=1
  done < <(grep -nE '^#include *[<"]' $sources | sed -E 's/^([^:]+):([0-9]+):#include *(.*)$/\1:\2:\3/')
done

if [ "$status" -eq 0 ]; then echo "module_links: ok"; fi
exit "$status"
