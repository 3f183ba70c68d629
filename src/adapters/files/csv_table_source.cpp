#include "adapters/files/csv_table_source.hpp"

#include <csv.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string_view>
#include <unordered_set>

#include "adapters/files/internal/file_error.hpp"
#include "adapters/files/internal/row_queue.hpp"
#include "core/common/text.hpp"

namespace chinjeol::files {
namespace {

using internal::FileError;
using internal::PendingRow;
using internal::RowQueue;

constexpr std::size_t kChunkBytes = std::size_t{1} << 20;
constexpr std::size_t kMaxCellBytes = std::size_t{1} << 20;
constexpr std::size_t kMaxColumns = 16384;  // as in Excel
constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Most cells are ASCII: check eight bytes at a time and validate properly only from the first
// word with a high bit (the bytes before it are ASCII, so it starts on a character boundary).
bool IsValidUtf8Fast(std::string_view text) {
  const char* data = text.data();
  const std::size_t size = text.size();
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, data + i, sizeof word);
    if (word & 0x8080808080808080ULL) return IsValidUtf8(text.substr(i));
  }
  for (; i < size; ++i) {
    if (static_cast<unsigned char>(data[i]) & 0x80) return IsValidUtf8(text.substr(i));
  }
  return true;
}

long CountNewlines(const char* data, std::size_t size) {
  long count = 0;
  const char* end = data + size;
  while (data != end) {
    const void* found = std::memchr(data, '\n', static_cast<std::size_t>(end - data));
    if (found == nullptr) break;
    ++count;
    data = static_cast<const char*>(found) + 1;
  }
  return count;
}

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

}  // namespace

// libcsv is a push parser; this feeds it one physical line at a time, so that the line number
// is known whenever a callback runs, and queues the records it completes.
class CsvTableSource::Parser {
 public:
  Parser(std::string name, std::FILE* file, std::uint64_t size)
      : name_(std::move(name)), file_(file), buffer_(kChunkBytes), total_bytes_(size) {
    Init();
  }
  Parser(std::string name, std::string text)
      : name_(std::move(name)), text_(std::move(text)), total_bytes_(text_.size()) {
    Init();
  }
  ~Parser() { csv_free(&parser_); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  const std::string& name() const { return name_; }
  RowQueue& queue() { return queue_; }
  // Cells beyond this many in a record are counted but not stored.
  void set_max_cells(std::size_t max_cells) { max_cells_ = max_cells; }

  double Progress() const {
    if (finished_) return 1.0;
    if (total_bytes_ == 0) return 0.0;
    const double consumed = static_cast<double>(chunk_offset_ + chunk_pos_);
    return std::min(1.0, consumed / static_cast<double>(total_bytes_));
  }

  // Parses until a record is queued (true), the input ends with nothing queued (false) or the
  // input is malformed (the error, again on every later call).
  Result<bool> Fill() {
    while (queue_.empty()) {
      if (error_) return *error_;
      if (finished_) return false;
      if (chunk_pos_ == chunk_size_) {
        if (!ReadChunk()) Finish();
        continue;
      }
      FeedLine();
    }
    return true;
  }

 private:
  void Init() {
    csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI);
    // Large cells grow the buffer in steps of this size (the default of 128 is quadratic).
    csv_set_blk_size(&parser_, 4096);
  }

  // Makes the next chunk of input current; false at the end (or on a read error, recorded).
  bool ReadChunk() {
    const bool first = chunk_ == nullptr;
    chunk_offset_ += chunk_size_;
    chunk_pos_ = chunk_size_ = 0;
    if (!file_) {
      if (!first) return false;
      chunk_ = text_.data();
      chunk_size_ = text_.size();
    } else {
      chunk_ = buffer_.data();
      chunk_size_ = std::fread(buffer_.data(), 1, buffer_.size(), file_.get());
      if (chunk_size_ == 0) {
        if (std::ferror(file_.get())) {
          error_ = FileError(name_, 0, "",
                             std::string("cannot read the file (") + std::strerror(errno) + ")");
        }
        return false;
      }
    }
    if (first && std::string_view(chunk_, chunk_size_).substr(0, kBom.size()) == kBom) {
      chunk_pos_ = kBom.size();
    }
    return chunk_size_ > 0;
  }

  // Parses up to and including the next LF of the current chunk.
  void FeedLine() {
    const char* begin = chunk_ + chunk_pos_;
    const std::size_t available = chunk_size_ - chunk_pos_;
    const void* newline = std::memchr(begin, '\n', available);
    const std::size_t length =
        newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - begin) + 1
                : available;
    // Cells are cut at ASCII bytes, so the cells of a valid line are valid: only rows with text
    // from an invalid line, or from a line cut at a chunk end, need their cells checked.
    suspect_line_ = !newline || !IsValidUtf8Fast(std::string_view(begin, length));
    if (suspect_line_) {
      queue_.filling().check_utf8 = true;
      // The cell being collected may be completed on a later, valid line, in a record that
      // starts after a lone CR of this line.
      suspect_cell_ = true;
    }
    const std::size_t parsed = csv_parse(&parser_, begin, length, OnField, OnRecordEnd, this);
    if (parsed != length) {
      if (csv_error(&parser_) == CSV_EPARSE) {
        error_ = FileError(name_, line_, "",
                           "malformed quoting: a quote inside an unquoted cell, or text after "
                           "a closing quote (write a quote inside a quoted cell as \"\")");
      } else {
        error_ = Internal(name_ + ": " + csv_strerror(csv_error(&parser_)));
      }
      return;
    }
    chunk_pos_ += length;
    if (newline) ++line_;
    if (parser_.entry_pos > kMaxCellBytes) {
      error_ = FileError(name_, OpenCellLine(), "",
                         "a cell starting on this line is longer than 1 MiB (is a quote left "
                         "open?)");
    }
  }

  void Finish() {
    if (error_) return;
    finished_ = true;
    if (csv_fini(&parser_, OnField, OnRecordEnd, this) != 0) {
      error_ = FileError(name_, OpenCellLine(), "",
                         "a quoted cell starting on this line is never closed");
    }
  }

  // Line where the cell libcsv is still collecting began.
  long OpenCellLine() const {
    return line_ -
           CountNewlines(reinterpret_cast<const char*>(parser_.entry_buf), parser_.entry_pos);
  }

  static void OnField(void* data, std::size_t size, void* context) {
    auto& self = *static_cast<Parser*>(context);
    PendingRow& row = self.queue_.filling();
    const char* text = data ? static_cast<const char*>(data) : "";
    // The record started where its first cell did: line breaks inside that cell came after.
    if (row.count == 0) row.line = self.line_ - CountNewlines(text, size);
    if (self.suspect_cell_) row.check_utf8 = true;
    // The next cell starts on the current line.
    self.suspect_cell_ = self.suspect_line_;
    if (row.count < self.max_cells_) {
      if (row.count < row.cells.size()) {
        std::string& cell = row.cells[row.count];
        cell.clear();  // clear + append is cheaper than assign, which must allow aliasing
        cell.append(text, size);
      } else {
        row.cells.emplace_back(text, size);
      }
    }
    ++row.count;
  }

  static void OnRecordEnd(int /*terminator*/, void* context) {
    auto& self = *static_cast<Parser*>(context);
    if (self.queue_.filling().count > 0) self.queue_.Push();
  }

  std::string name_;
  std::unique_ptr<std::FILE, FileCloser> file_;  // null when reading text_
  std::string text_;
  std::vector<char> buffer_;
  const char* chunk_ = nullptr;
  std::size_t chunk_size_ = 0;
  std::size_t chunk_pos_ = 0;
  std::uint64_t chunk_offset_ = 0;  // input bytes before the current chunk
  std::uint64_t total_bytes_ = 0;
  csv_parser parser_{};
  long line_ = 1;              // physical line of the next byte fed to libcsv
  bool suspect_line_ = false;  // the line being fed may hold invalid UTF-8
  bool suspect_cell_ = false;  // the cell libcsv is collecting has bytes of a suspect line
  std::size_t max_cells_ = kMaxColumns + 1;
  RowQueue queue_;
  bool finished_ = false;
  std::optional<Error> error_;
};

Result<std::unique_ptr<CsvTableSource>> CsvTableSource::Open(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    return FileError(path, 0, "",
                     std::string("cannot open the file (") + std::strerror(errno) + ")");
  }
  struct stat status {};
  if (::fstat(::fileno(file), &status) != 0 || S_ISDIR(status.st_mode)) {
    std::fclose(file);
    return FileError(path, 0, "", "not a readable file");
  }
  std::setvbuf(file, nullptr, _IONBF, 0);  // reads are 1 MiB already
  const auto size = static_cast<std::uint64_t>(std::max<off_t>(status.st_size, 0));
  std::unique_ptr<CsvTableSource> source(
      new CsvTableSource(std::make_unique<Parser>(path, file, size)));
  if (Result<void> header = source->ReadHeader(); !header) return header.error();
  return source;
}

Result<std::unique_ptr<CsvTableSource>> CsvTableSource::FromText(std::string name,
                                                                 std::string text) {
  std::unique_ptr<CsvTableSource> source(
      new CsvTableSource(std::make_unique<Parser>(std::move(name), std::move(text))));
  if (Result<void> header = source->ReadHeader(); !header) return header.error();
  return source;
}

CsvTableSource::CsvTableSource(std::unique_ptr<Parser> parser) : parser_(std::move(parser)) {}
CsvTableSource::~CsvTableSource() = default;

const std::string& CsvTableSource::name() const { return parser_->name(); }
const std::vector<std::string>& CsvTableSource::header() const { return header_; }
double CsvTableSource::Progress() const { return parser_->Progress(); }

Result<void> CsvTableSource::ReadHeader() {
  Result<bool> filled = parser_->Fill();
  if (!filled) return filled.error();
  if (!*filled) {
    return FileError(name(), 0, "", "the file is empty; its first row must name the columns");
  }
  RowQueue& queue = parser_->queue();
  const PendingRow& pending = queue.front();
  if (pending.count > kMaxColumns) {
    return FileError(name(), pending.line, "", "the header has more than 16384 columns");
  }
  std::unordered_set<std::string_view> seen;
  header_.reserve(pending.count);
  for (std::size_t i = 0; i < pending.count; ++i) {
    if (!IsValidUtf8Fast(pending.cells[i])) {
      return FileError(name(), pending.line, "",
                       "the header is not valid UTF-8 (save the file as CSV UTF-8)");
    }
    header_.emplace_back(Trim(pending.cells[i]));
    if (header_.back().empty()) {
      return FileError(name(), pending.line, "",
                       "column " + std::to_string(i + 1) + " of the header has no name");
    }
  }
  for (const std::string& column : header_) {
    if (!seen.insert(column).second) {
      return FileError(name(), pending.line, column, "the header names this column twice");
    }
  }
  queue.DropFront();
  parser_->set_max_cells(header_.size());
  return Ok();
}

Result<bool> CsvTableSource::Next(tables::TableRow& row) {
  RowQueue& queue = parser_->queue();
  while (true) {
    if (queue.empty()) {
      Result<bool> filled = parser_->Fill();
      if (!filled || !*filled) return filled;
    }
    const PendingRow& pending = queue.front();
    if (pending.count > header_.size()) {
      return FileError(name(), pending.line, "",
                       "the row has " + std::to_string(pending.count) +
                           " cells but the header has " + std::to_string(header_.size()) +
                           " columns");
    }
    const std::size_t stored = std::min(pending.count, pending.cells.size());
    if (pending.check_utf8) {
      for (std::size_t i = 0; i < stored; ++i) {
        if (!IsValidUtf8Fast(pending.cells[i])) {
          return FileError(name(), pending.line, header_[i],
                           "not valid UTF-8 (save the file as CSV UTF-8)");
        }
      }
    }
    const auto is_empty = [](const std::string& cell) { return cell.empty(); };
    if (std::all_of(pending.cells.begin(), pending.cells.begin() + stored, is_empty)) {
      queue.DropFront();
      continue;
    }
    queue.TakeFront(row, header_.size());
    return true;
  }
}

}  // namespace chinjeol::files
