#include "adapters/files/internal/xml_reader.hpp"

#include <cstring>
#include <new>
#include <string>

namespace chinjeol::files::internal {
namespace {

void OnStart(void* context, const XML_Char* name, const XML_Char** attributes) {
  static_cast<XmlHandler*>(context)->Start(LocalName(name), attributes);
}

void OnEnd(void* context, const XML_Char* name) {
  static_cast<XmlHandler*>(context)->End(LocalName(name));
}

void OnText(void* context, const XML_Char* text, int length) {
  static_cast<XmlHandler*>(context)->Text(std::string_view(text, static_cast<std::size_t>(length)));
}

}  // namespace

void XmlHandler::Fail(Error error) {
  if (!error_) error_ = std::move(error);
  if (parser_ != nullptr) XML_StopParser(parser_, XML_FALSE);
}

std::string_view LocalName(const char* name) {
  const char* colon = std::strrchr(name, ':');
  return colon ? std::string_view(colon + 1) : std::string_view(name);
}

const char* Attribute(const char** attributes, std::string_view name) {
  for (; attributes[0] != nullptr; attributes += 2) {
    if (LocalName(attributes[0]) == name) return attributes[1];
  }
  return nullptr;
}

XmlParser::XmlParser(XmlHandler& handler) : parser_(XML_ParserCreate(nullptr)), handler_(handler) {
  if (parser_ == nullptr) throw std::bad_alloc();
  handler.parser_ = parser_;
  XML_SetUserData(parser_, &handler);
  XML_SetElementHandler(parser_, OnStart, OnEnd);
  XML_SetCharacterDataHandler(parser_, OnText);
}

XmlParser::~XmlParser() {
  handler_.parser_ = nullptr;
  XML_ParserFree(parser_);
}

bool XmlParser::Feed(const char* data, std::size_t size, bool last) {
  return XML_Parse(parser_, data, static_cast<int>(size), last ? XML_TRUE : XML_FALSE) ==
         XML_STATUS_OK;
}

std::string XmlParser::ErrorText() const {
  return std::string(XML_ErrorString(XML_GetErrorCode(parser_))) + " at XML line " +
         std::to_string(XML_GetCurrentLineNumber(parser_));
}

}  // namespace chinjeol::files::internal
