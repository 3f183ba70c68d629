#include "tests/api/http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <fstream>

namespace chinjeol::api_testing {
namespace {

bool SendAll(int socket, std::string_view data) {
  while (!data.empty()) {
    const ssize_t sent = ::send(socket, data.data(), data.size(), MSG_NOSIGNAL);
    if (sent <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

int Connect(unsigned short port, const char* source) {
  const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
  if (socket < 0) return -1;
  if (source != nullptr) {
    sockaddr_in local{};
    local.sin_family = AF_INET;
    if (::inet_pton(AF_INET, source, &local.sin_addr) != 1 ||
        ::bind(socket, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
      ::close(socket);
      return -1;
    }
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(socket, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(socket);
    return -1;
  }
  timeval timeout{30, 0};
  ::setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  return socket;
}

std::string Reply::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return {};
}

std::string Reply::Raw() const {
  std::string raw = std::to_string(status) + "\n";
  for (const auto& [key, value] : headers) raw += key + ": " + value + "\n";
  return raw + "\n" + body;
}

int OpenAndSendHeaders(unsigned short port, const Request& request) {
  const int socket = Connect(port, request.source.empty() ? nullptr : request.source.c_str());
  if (socket < 0) return -1;
  long length = static_cast<long>(request.body.size());
  if (!request.body_file.empty()) {
    std::ifstream file(request.body_file, std::ios::binary | std::ios::ate);
    length = static_cast<long>(file.tellg());
  }
  if (request.declared_length >= 0) length = request.declared_length;
  std::string head = request.method + " " + request.target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                     "Connection: close\r\n";
  bool has_length = false;
  for (const auto& [name, value] : request.headers) {
    head += name + ": " + value + "\r\n";
    if (Lower(name) == "content-length") has_length = true;
  }
  if (!has_length && (length > 0 || request.method == "POST" || request.method == "PUT" ||
                      request.method == "PATCH")) {
    head += "Content-Length: " + std::to_string(length) + "\r\n";
  }
  head += "\r\n";
  if (!SendAll(socket, head)) {
    ::close(socket);
    return -1;
  }
  return socket;
}

Reply ReadReply(int socket) {
  std::string data;
  char buffer[65536];
  for (;;) {
    const ssize_t got = ::recv(socket, buffer, sizeof buffer, 0);
    if (got <= 0) break;
    data.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(socket);
  Reply reply;
  // Skip interim responses (100 Continue).
  while (data.starts_with("HTTP/1.1 1")) {
    const std::size_t end = data.find("\r\n\r\n");
    if (end == std::string::npos) break;
    data.erase(0, end + 4);
  }
  const std::size_t end = data.find("\r\n\r\n");
  if (end == std::string::npos || data.size() < 12) return reply;
  reply.status = std::atoi(data.substr(9, 3).c_str());
  std::size_t line = data.find("\r\n") + 2;
  while (line < end) {
    const std::size_t next = data.find("\r\n", line);
    const std::string header = data.substr(line, next - line);
    const std::size_t colon = header.find(':');
    if (colon != std::string::npos) {
      std::string value = header.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      reply.headers.emplace_back(Lower(header.substr(0, colon)), value);
    }
    line = next + 2;
  }
  reply.body = data.substr(end + 4);
  return reply;
}

Reply Send(unsigned short port, const Request& request) {
  const int socket = OpenAndSendHeaders(port, request);
  if (socket < 0) return {};
  if (request.declared_length < 0) {
    if (!request.body_file.empty()) {
      std::ifstream file(request.body_file, std::ios::binary);
      std::string piece(1 << 20, '\0');
      while (file) {
        file.read(piece.data(), static_cast<std::streamsize>(piece.size()));
        if (!SendAll(socket,
                     std::string_view(piece.data(), static_cast<std::size_t>(file.gcount())))) {
          break;
        }
      }
    } else if (!request.body.empty()) {
      SendAll(socket, request.body);
    }
  }
  return ReadReply(socket);
}

}  // namespace chinjeol::api_testing
