#include "adapters/files/json_table_sink.hpp"

#include <boost/json/serializer.hpp>
#include <type_traits>
#include <variant>

#include "adapters/files/internal/number_text.hpp"

namespace chinjeol::files {
namespace {

constexpr std::size_t kFlushBytes = 64 * 1024;

}  // namespace

JsonTableSink::JsonTableSink(std::ostream& out) : out_(out) {}

std::unique_ptr<JsonTableSink> JsonTableSink::SingleObject(std::ostream& out) {
  auto sink = std::make_unique<JsonTableSink>(out);
  sink->single_object_ = true;
  return sink;
}

JsonTableSink::JsonTableSink(internal::PendingFile file, std::unique_ptr<std::ofstream> stream)
    : file_(std::move(file)), file_stream_(std::move(stream)), out_(*file_stream_) {}

Result<std::unique_ptr<JsonTableSink>> JsonTableSink::Create(const std::string& path) {
  Result<internal::PendingFile> file = internal::PendingFile::Create(path);
  if (!file) return file.error();
  auto stream = std::make_unique<std::ofstream>(file->temp_path(), std::ios::binary);
  if (!*stream) return InvalidArgument(path + ": cannot create the file");
  return std::unique_ptr<JsonTableSink>(new JsonTableSink(std::move(*file), std::move(stream)));
}

Result<void> JsonTableSink::Header(const std::vector<std::string>& columns) {
  keys_.clear();
  for (const std::string& column : columns) {
    std::string key;
    AppendString(key, column);
    keys_.push_back(std::move(key));
  }
  if (!single_object_) buffer_ += '[';
  started_ = true;
  return Ok();
}

Result<void> JsonTableSink::Row(const std::vector<tables::Cell>& cells) {
  if (cells.size() != keys_.size()) {
    return Internal("json export: a row has " + std::to_string(cells.size()) +
                    " cells but the header has " + std::to_string(keys_.size()));
  }
  if (single_object_ && rows_ > 0) return Internal("json export: one object has one row");
  if (single_object_) {
    buffer_ += '{';
  } else {
    buffer_ += rows_ == 0 ? "\n{" : ",\n{";
  }
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) buffer_ += ',';
    buffer_ += keys_[i];
    buffer_ += ':';
    std::visit(
        [this](const auto& value) {
          using Type = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<Type, std::string>) {
            AppendString(buffer_, value);
          } else if constexpr (std::is_same_v<Type, std::int64_t>) {
            internal::AppendInteger(buffer_, value);
          } else if constexpr (std::is_same_v<Type, double>) {
            // Boost.JSON 1.81 would write 87.4 as 8.74E1; this writes 87.4.
            internal::AppendJsonNumber(buffer_, value);
          } else {
            buffer_ += "null";
          }
        },
        cells[i]);
  }
  buffer_ += '}';
  ++rows_;
  if (buffer_.size() >= kFlushBytes) return Flush();
  return Ok();
}

Result<void> JsonTableSink::Finish() {
  if (finished_) return Internal("json export: finished twice");
  finished_ = true;
  if (single_object_) {
    buffer_ += rows_ == 0 ? "null\n" : "\n";
  } else {
    if (!started_) buffer_ += '[';
    buffer_ += rows_ == 0 ? "]\n" : "\n]\n";
  }
  if (Result<void> flushed = Flush(); !flushed) return flushed;
  out_.flush();
  if (!out_) return Internal("json export: cannot write the output");
  if (!file_) return Ok();
  file_stream_->close();
  if (!*file_stream_) return Internal(file_->path() + ": cannot write the file");
  return file_->Commit();
}

// Escaping by Boost.JSON's serializer, which writes UTF-8 through unchanged.
void JsonTableSink::AppendString(std::string& out, std::string_view text) {
  boost::json::serializer serializer;
  serializer.reset(boost::json::string_view(text.data(), text.size()));
  char piece[512];
  while (!serializer.done()) {
    const boost::json::string_view written = serializer.read(piece, sizeof piece);
    out.append(written.data(), written.size());
  }
}

Result<void> JsonTableSink::Flush() {
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
  if (!out_) {
    return Internal((file_ ? file_->path() : std::string("json export")) +
                    ": cannot write the output");
  }
  return Ok();
}

}  // namespace chinjeol::files
