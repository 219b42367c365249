# fuzz/fuzz.mk — libFuzzer harnesses (included by the top Makefile).
#   make fuzz-build                 builds build-fuzz/fuzz_* with clang-14
#   make fuzz-run FUZZ_SECONDS=60   runs each harness for FUZZ_SECONDS seconds
#   make fuzz-run FUZZ_TARGETS="fuzz_dates fuzz_dict"    just some of them
# The library is compiled again with clang (coverage + ASan + UBSan) into
# build-fuzz/; nothing from build/ (gcc) is reused.  See fuzz/README.md.
FUZZ_CC      ?= clang-14
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_FLAGS    = -O1 -g -fno-omit-frame-pointer -std=c11 -D_GNU_SOURCE -Iinclude -Isrc \
                $(shell pkg-config --cflags jansson sqlite3 zlib uchardet libpq 2>/dev/null)
FUZZ_LIBS     = $(shell pkg-config --libs jansson sqlite3 zlib uchardet libpq 2>/dev/null) \
                -lm -lpthread
FUZZ_LIB_SRC := $(filter-out src/cli/%,$(sort $(wildcard src/*/*.c)))
FUZZ_LIB_OBJ := $(FUZZ_LIB_SRC:%.c=$(FUZZ_BUILD)/%.o)
FUZZ_TARGETS ?= fuzz_document fuzz_reader fuzz_dict fuzz_tabari fuzz_dates
FUZZ_BINS     = $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/%)

.PHONY: fuzz-build fuzz-run
fuzz-build: $(FUZZ_BINS)

$(FUZZ_BUILD)/src/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(FUZZ_BUILD)/libannals-fuzz.a: $(FUZZ_LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz_common.h $(FUZZ_BUILD)/libannals-fuzz.a
	$(FUZZ_CC) $(FUZZ_FLAGS) $(FUZZ_SAN) -fsanitize=fuzzer -DFUZZ_DICT_DIR='"$(abspath dict)"' \
	  -o $@ $< $(FUZZ_BUILD)/libannals-fuzz.a $(FUZZ_LIBS)

# Each harness grows its own corpus in build-fuzz/corpus/NAME from the seeds
# in fuzz/corpus/NAME; crashes land in build-fuzz/crashes/.
fuzz-run: fuzz-build
	@mkdir -p $(FUZZ_BUILD)/crashes
	@for target in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$target; \
	  echo "== $$target ($(FUZZ_SECONDS) s)"; \
	  $(FUZZ_BUILD)/$$target -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=4096 \
	    -max_len=65536 -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_BUILD)/crashes/$$target- \
	    $(FUZZ_BUILD)/corpus/$$target fuzz/corpus/$$target || exit 1; \
	done

-include $(FUZZ_LIB_OBJ:.o=.d)
