#include "adapters/files/csv_table_sink.hpp"

#include <type_traits>
#include <variant>

#include "adapters/files/internal/number_text.hpp"

namespace chinjeol::files {
namespace {

constexpr std::size_t kFlushBytes = 64 * 1024;

bool StartsFormula(const std::string& text) {
  if (text.empty()) return false;
  switch (text.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return true;
    default:
      return false;
  }
}

bool NeedsQuotes(const std::string& text) {
  if (text.empty()) return false;
  if (text.find_first_of(",\"\r\n") != std::string::npos) return true;
  const auto is_blank = [](char c) { return c == ' ' || c == '\t'; };
  return is_blank(text.front()) || is_blank(text.back());
}

}  // namespace

CsvTableSink::CsvTableSink(std::ostream& out, ByteOrderMark bom) : out_(out), bom_(bom) {}

CsvTableSink::CsvTableSink(internal::PendingFile file, std::unique_ptr<std::ofstream> stream)
    : file_(std::move(file)), file_stream_(std::move(stream)), out_(*file_stream_) {}

Result<std::unique_ptr<CsvTableSink>> CsvTableSink::Create(const std::string& path) {
  Result<internal::PendingFile> file = internal::PendingFile::Create(path);
  if (!file) return file.error();
  auto stream = std::make_unique<std::ofstream>(file->temp_path(), std::ios::binary);
  if (!*stream) return InvalidArgument(path + ": cannot create the file");
  return std::unique_ptr<CsvTableSink>(new CsvTableSink(std::move(*file), std::move(stream)));
}

Result<void> CsvTableSink::Header(const std::vector<std::string>& columns) {
  columns_ = columns.size();
  if (bom_ == ByteOrderMark::kWrite) buffer_ += "\xEF\xBB\xBF";  // Excel then reads UTF-8
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) buffer_ += ',';
    AppendText(columns[i]);
  }
  buffer_ += "\r\n";
  return Flush();
}

Result<void> CsvTableSink::Row(const std::vector<tables::Cell>& cells) {
  if (cells.size() != columns_) {
    return Internal("csv export: a row has " + std::to_string(cells.size()) +
                    " cells but the header has " + std::to_string(columns_));
  }
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) buffer_ += ',';
    std::visit(
        [this](const auto& value) {
          using Type = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<Type, std::string>) {
            if (StartsFormula(value)) {
              AppendText("'" + value);
            } else {
              AppendText(value);
            }
          } else if constexpr (std::is_same_v<Type, std::int64_t>) {
            internal::AppendInteger(buffer_, value);
          } else if constexpr (std::is_same_v<Type, double>) {
            internal::AppendDecimal(buffer_, value);
          }
        },
        cells[i]);
  }
  buffer_ += "\r\n";
  if (buffer_.size() >= kFlushBytes) return Flush();
  return Ok();
}

Result<void> CsvTableSink::Finish() {
  if (finished_) return Internal("csv export: finished twice");
  finished_ = true;
  if (Result<void> flushed = Flush(); !flushed) return flushed;
  out_.flush();
  if (!out_) return Internal("csv export: cannot write the output");
  if (!file_) return Ok();
  file_stream_->close();
  if (!*file_stream_) return Internal(file_->path() + ": cannot write the file");
  return file_->Commit();
}

void CsvTableSink::AppendText(const std::string& text) {
  if (!NeedsQuotes(text)) {
    buffer_ += text;
    return;
  }
  buffer_ += '"';
  for (const char c : text) {
    if (c == '"') buffer_ += '"';
    buffer_ += c;
  }
  buffer_ += '"';
}

Result<void> CsvTableSink::Flush() {
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
  if (!out_) {
    return Internal((file_ ? file_->path() : std::string("csv export")) +
                    ": cannot write the output");
  }
  return Ok();
}

}  // namespace chinjeol::files
