/* cmd_bench.c — placeholder until the module that owns it lands. */
#include "cli/cli.h"
int an_cli_bench(int argc, char **argv) {
  (void)argc; (void)argv;
  an_cli_report("'bench' is not built yet");
  return AN_EXIT_USAGE;
}
