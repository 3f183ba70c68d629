#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chinjeol::api_testing {

// A response as the tests read it. Header names are lower case.
struct Reply {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  std::string Header(std::string_view lower_case_name) const;
  std::string Raw() const;  // status line, headers and body: what secrecy checks search
};

struct Request {
  std::string method = "GET";
  std::string target = "/";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string body_file;      // sent as the body instead of `body`, in pieces
  long declared_length = -1;  // Content-Length to claim instead of the real one (no body sent)
  std::string source;         // the local address to connect from (another loopback client)
};

// Sends one request over a new loopback connection (Connection: close) and reads the whole
// response; status 0 when the connection failed.
Reply Send(unsigned short port, const Request& request);

// A loopback connection to `port`, from the local address `source` (e.g. "127.0.0.2") when
// given; -1 when it cannot be made.
int Connect(unsigned short port, const char* source = nullptr);

// Opens a connection and sends the request headers only; for tests of shutdown and slow
// clients. Returns the socket, or -1.
int OpenAndSendHeaders(unsigned short port, const Request& request);
// Reads a whole response from a socket opened by OpenAndSendHeaders and closes it.
Reply ReadReply(int socket);

}  // namespace chinjeol::api_testing
