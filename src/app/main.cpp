// chinjeol: the composition root. Builds the adapters and runs the command line.
#include <exception>
#include <iostream>

#include "adapters/cli/cli.hpp"
#include "adapters/clock/clock.hpp"
#include "app/services.hpp"

int main(int argc, char** argv) {
  try {
    chinjeol::clock::UseOrganisationTimeZone();
    const chinjeol::cli::Services services = chinjeol::app::MakeServices();
    return chinjeol::cli::Run(argc, argv, services, std::cin, std::cout, std::cerr);
  } catch (const std::exception& failure) {
    std::cerr << "chinjeol: " << failure.what() << "\n";
    return 1;
  }
}
