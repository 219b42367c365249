// bench/peer/readability.mjs — the peer run for bench/extract-peer-speed:
// Mozilla Readability.js over jsdom on gzipped HTML pages.
//   node readability.mjs PREDICTIONS.json FILE.html.gz...
// Writes PREDICTIONS.json in bench/extract-score's format (page id ->
// {"articleBody", "title", "published"}) and prints one summary line:
//   timed SECONDS CPU_SECONDS BYTES PAGES FAILED
// SECONDS (wall) covers, per page, reading the file, gunzip, the jsdom parse
// and Readability's parse (node start-up and module loading are not in it);
// CPU_SECONDS is the process's user+system time over the same loop (V8's
// helper threads, such as the garbage collector's, included);
// FAILED counts pages where Readability found no article or threw;
// BYTES is the decompressed HTML size. A second line names the slowest page:
//   slowest PAGE SECONDS
// Charset: bytes that are valid UTF-8 are read as UTF-8 (many of these pages
// are UTF-8 without saying so, and jsdom would then fall back to
// windows-1252); other pages go to jsdom as bytes, which sniffs the <meta>
// charset as a browser would.
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { gunzipSync } from "node:zlib";
import { JSDOM, VirtualConsole } from "jsdom";
import { Readability } from "@mozilla/readability";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

// The content type to give jsdom for these bytes (see the charset note above).
function contentTypeFor(html) {
  try {
    strictUtf8.decode(html);
    return "text/html; charset=utf-8";
  } catch {
    return "text/html";
  }
}

function pageId(path) {
  return basename(path).split(".html")[0];
}

// Extracts one page; returns {record, bytes} and never throws.
function extractPage(path) {
  let bytes = 0;
  try {
    const html = gunzipSync(readFileSync(path));
    bytes = html.length;
    // A console that forwards nowhere: jsdom's CSS parse complaints are noise.
    const dom = new JSDOM(html, { contentType: contentTypeFor(html), virtualConsole: new VirtualConsole() });
    const article = new Readability(dom.window.document).parse();
    dom.window.close();
    return {
      bytes,
      failed: article === null,
      record: {
        articleBody: article?.textContent ?? "",
        title: article?.title ?? null,
        published: article?.publishedTime ?? null,
      },
    };
  } catch (error) {
    process.stderr.write(`readability: ${path}: ${error.message}\n`);
    return { bytes, failed: true, record: { articleBody: "", title: null, published: null } };
  }
}

function main(argv) {
  if (argv.length < 2) {
    process.stderr.write("usage: node readability.mjs PREDICTIONS.json FILE.html.gz...\n");
    return 2;
  }
  const [output, ...paths] = argv;
  const predictions = {};
  let seconds = 0, bytes = 0, failed = 0, slowest = { page: "", seconds: 0 };
  const cpuStart = process.cpuUsage();
  for (const path of paths) {
    const start = process.hrtime.bigint();
    const result = extractPage(path);
    const pageSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    seconds += pageSeconds;
    if (pageSeconds > slowest.seconds) slowest = { page: pageId(path), seconds: pageSeconds };
    bytes += result.bytes;
    failed += result.failed ? 1 : 0;
    predictions[pageId(path)] = result.record;
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  writeFileSync(output, JSON.stringify(predictions, null, 1));
  process.stdout.write(`timed ${seconds.toFixed(3)} ${cpuSeconds.toFixed(3)} ${bytes} ${paths.length} ${failed}\n`);
  process.stdout.write(`slowest ${slowest.page} ${slowest.seconds.toFixed(3)}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
