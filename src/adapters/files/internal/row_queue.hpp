#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "core/tables/table_source.hpp"

namespace chinjeol::files::internal {

// A row as a parser produced it, before it is checked against the header.
struct PendingRow {
  long line = 0;
  // Number of cells the row has. Only the first `cells.size()` are stored; a parser stops
  // storing at the header's width so that a malformed row cannot take unbounded memory.
  std::size_t count = 0;
  std::vector<std::string> cells;
  // Set by the XLSX reader: a 0-based column that holds a value beyond the stored width.
  std::ptrdiff_t overflow_column = -1;
  // Set by the CSV reader when the row's text may hold invalid UTF-8 (its cells need checking).
  bool check_utf8 = false;
};

// Rows completed by a push parser (libcsv, expat) and not yet handed out, plus the row being
// filled. The strings of handed-out rows come back through TakeFront(), so that a steady stream
// of rows allocates nothing.
class RowQueue {
 public:
  RowQueue() : rows_(1) {}

  // The row the parser is filling.
  PendingRow& filling() { return rows_[end_]; }
  // filling() is complete; an empty row to fill follows.
  void Push() {
    ++end_;
    if (end_ == rows_.size()) rows_.emplace_back();
    PendingRow& next = rows_[end_];
    next.count = 0;
    next.overflow_column = -1;
    next.check_utf8 = false;
  }

  bool empty() const { return begin_ == end_; }
  const PendingRow& front() const { return rows_[begin_]; }
  // Moves the front row into `row` with exactly `width` cells (missing cells empty), giving the
  // front slot the old storage of `row`.
  void TakeFront(tables::TableRow& row, std::size_t width) {
    PendingRow& pending = rows_[begin_];
    row.line = pending.line;
    row.cells.swap(pending.cells);
    const std::size_t stored = std::min(pending.count, row.cells.size());
    for (std::size_t i = stored; i < row.cells.size() && i < width; ++i) row.cells[i].clear();
    row.cells.resize(width);
    ++begin_;
    if (begin_ == end_) Rewind();
  }
  // Drops the front row (a blank row).
  void DropFront() {
    ++begin_;
    if (begin_ == end_) Rewind();
  }

 private:
  // Once every completed row is handed out, the row being filled moves to slot 0 so that the
  // queue does not grow.
  void Rewind() {
    if (end_ != 0) std::swap(rows_[0], rows_[end_]);
    begin_ = end_ = 0;
  }

  std::vector<PendingRow> rows_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
};

}  // namespace chinjeol::files::internal
