#pragma once

#include <expat.h>

#include <optional>
#include <string_view>

#include "core/common/error.hpp"

namespace chinjeol::files::internal {

// Receives the elements of an XML stream. Names are local names: a prefix ("x:c", "r:id") is
// dropped, since OOXML writers choose prefixes freely.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;

  // `attributes` is a null-terminated array of name, value pairs; see Attribute().
  virtual void Start(std::string_view name, const char** attributes) = 0;
  virtual void End(std::string_view name) = 0;
  // Character data between tags, possibly in several pieces.
  virtual void Text(std::string_view /*text*/) {}

  // Stops the parse; XmlParser::Feed() then fails and error() holds `error`.
  void Fail(Error error);
  const std::optional<Error>& error() const { return error_; }

 private:
  friend class XmlParser;
  XML_Parser parser_ = nullptr;
  std::optional<Error> error_;
};

// "r:id" -> "id".
std::string_view LocalName(const char* name);
// The value of the attribute with local name `name`, or null.
const char* Attribute(const char** attributes, std::string_view name);

// An expat parser feeding one handler, which must outlive it.
class XmlParser {
 public:
  explicit XmlParser(XmlHandler& handler);
  ~XmlParser();
  XmlParser(const XmlParser&) = delete;
  XmlParser& operator=(const XmlParser&) = delete;

  // Parses the next piece of the document (`last` for the final one); false when the document
  // is malformed or the handler failed.
  bool Feed(const char* data, std::size_t size, bool last);
  // Expat's description of the last failure, with the XML line.
  std::string ErrorText() const;

 private:
  XML_Parser parser_;
  XmlHandler& handler_;
};

}  // namespace chinjeol::files::internal
