// After `npm ci --prefix cdk`: keep the CLI's `cdk init` Go templates
// (files named %name%.template.go) out of gofmt, go vet and ./..., and mark
// node_modules as a separate Go module in case a later CLI ships more.
const fs = require("fs");
const path = require("path");

const templates = path.join("node_modules", "aws-cdk", "lib", "init-templates");
if (fs.existsSync(templates)) {
  for (const entry of fs.readdirSync(templates, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const name = entry.name;
    fs.rmSync(path.join(templates, name, "go"), { recursive: true, force: true });
  }
}
fs.writeFileSync(path.join("node_modules", "go.mod"), "module ignored/node_modules\n");
