// Haven's own lint rules: the import boundaries of docs/architecture.md, enforced on every `npm run lint`.
// Each rule resolves an import to a path in the repository (the "@/" alias or a relative path), so a relative
// import cannot slip past a rule written for the alias.
import path from "node:path";
import fs from "node:fs";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * Domains of lib/, lowest first. A module may import from its own domain and from lower ones only, so the
 * domains form a ladder with no cycles; `actions.ts` files are the entry points and may use any domain.
 * Domains on one rung are independent of each other.
 */
export const LAYERS = [
  ["core"],
  ["audit"],
  ["practice", "rate-limit", "storage"],
  ["email"],
  ["profiles"],
  ["auth"],
  ["staff", "forms", "documents", "billing"],
  ["payments", "appointments", "messaging"],
  ["dashboard"],
  ["records"],
  ["demo", "ops"],
  // Entry points: the server's start-up and the PDF worker thread (it imports the renderers of several domains).
  ["boot", "pdf"],
];
const rank = new Map(LAYERS.flatMap((names, i) => names.map((n) => [n, i])));

const TEST_FILE = /(\.test\.tsx?$|^lib\/test\/|^e2e\/|^bench\/|^scripts\/lint\/)/;

function rel(file) {
  return path.relative(root, file).split(path.sep).join("/");
}

/** The repository path an import names, or null for packages. Extensions are left off. */
function targetOf(fromFile, spec) {
  let p;
  if (spec.startsWith("@/")) p = spec.slice(2);
  else if (spec.startsWith("./") || spec.startsWith("../")) p = rel(path.resolve(path.dirname(fromFile), spec));
  else return null;
  return p.replace(/\.(tsx?|mjs|js)$/, "").replace(/\/index$/, "");
}

/** lib/<domain>/... → domain; lib/boot.ts → "boot". */
function domainOf(p) {
  const m = /^lib\/([^/]+)/.exec(p);
  if (!m) return null;
  return m[1].replace(/\.tsx?$/, "");
}

const serverOnlyCache = new Map();
/** Whether a lib/ module is part of the data layer: it starts with `import "server-only"` (actions excepted). */
function isServerOnly(to) {
  if (to.endsWith("/actions")) return false;
  if (!serverOnlyCache.has(to)) {
    const file = [".ts", ".tsx", "/index.ts"].map((e) => path.join(root, to + e)).find((f) => fs.existsSync(f));
    serverOnlyCache.set(to, Boolean(file && /^import "server-only";/m.test(fs.readFileSync(file, "utf8"))));
  }
  return serverOnlyCache.get(to);
}

function checkImport(context, node, spec) {
  const from = rel(context.filename);
  const to = targetOf(context.filename, spec);
  if (!to) return;
  const report = (messageId, data = {}) => context.report({ node, messageId, data: { to, ...data } });
  const fromTest = TEST_FILE.test(from);

  if (/^(components|lib|db|emails)\//.test(from) && !fromTest && to.startsWith("app/")) return report("noApp");
  if (to.startsWith("lib/test/") && !fromTest) return report("testOnly");
  if (from.startsWith("db/") && to.startsWith("lib/") && !to.startsWith("lib/core/")) return report("dbImportsDomain");
  if (
    from.startsWith("lib/core/") &&
    !fromTest &&
    (to === "db" || to.startsWith("db/") || (to.startsWith("lib/") && !to.startsWith("lib/core/")))
  )
    return report("coreImportsDomain");

  const internal = /^lib\/([^/]+)\/internal(\/|$)/.exec(to);
  if (internal && !fromTest && !from.startsWith(`lib/${internal[1]}/`))
    return report("internal", { domain: internal[1] });

  if (
    from.startsWith("components/") &&
    !fromTest &&
    to.startsWith("lib/") &&
    node.importKind !== "type" &&
    isServerOnly(to)
  )
    return report("componentDataLayer");

  const a = domainOf(from);
  const b = domainOf(to);
  if (a && b && a !== b && !fromTest && !from.endsWith("/actions.ts") && rank.has(a) && rank.has(b)) {
    if (rank.get(b) >= rank.get(a)) return report("layer", { from: a, target: b });
  }
  if (a && b && a !== b && (!rank.has(a) || !rank.has(b)) && !fromTest)
    return report("unknownDomain", { domain: rank.has(a) ? b : a });
}

const boundaries = {
  meta: {
    type: "problem",
    docs: { description: "Import boundaries of docs/architecture.md" },
    messages: {
      noApp:
        "'{{to}}': components/, lib/, db/ and emails/ never import from app/ (routes may move; move the shared code into lib/ or components/).",
      testOnly: "'{{to}}': lib/test/ is for tests only; production code never imports it.",
      dbImportsDomain: "'{{to}}': db/ holds the schema and the client; it imports nothing from lib/ but lib/core/.",
      coreImportsDomain: "'{{to}}': lib/core/ is the base every domain uses; it imports no domain and not db/.",
      internal:
        "'{{to}}': lib/{{domain}}/internal/ holds helpers that take no principal; only lib/{{domain}}/ may import them.",
      layer:
        "'{{to}}': lib/{{from}} may not import lib/{{target}} (domains import only lower rungs of the ladder in docs/architecture.md).",
      componentDataLayer:
        "'{{to}}' is data layer (server-only): pages fetch, components render — the page loads the data and passes it as props (components may import actions, schemas, types and pure helpers).",
      asyncComponent:
        "Components render; they do not fetch. A component in components/ is never async: the page loads its data and passes it as props.",
      unknownDomain:
        "'{{to}}': lib/{{domain}} is not on the ladder in scripts/lint/haven-rules.mjs (LAYERS) and docs/architecture.md; add it.",
    },
    schema: [],
  },
  create(context) {
    return {
      ImportDeclaration: (node) => checkImport(context, node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && checkImport(context, node, node.source.value),
      ExportAllDeclaration: (node) => checkImport(context, node, node.source.value),
      ImportExpression: (node) =>
        node.source.type === "Literal" &&
        typeof node.source.value === "string" &&
        checkImport(context, node, node.source.value),
    };
  },
};

function isUseServer(stmt) {
  return stmt?.type === "ExpressionStatement" && stmt.directive === "use server";
}

/** `"use server"` only at the top of lib/<domain>/actions.ts: one place per domain for public POST endpoints. */
const useServerLocation = {
  meta: {
    type: "problem",
    docs: { description: "Server actions live in lib/<domain>/actions.ts only" },
    messages: {
      file: '"use server" files live at lib/<domain>/actions.ts only (every action is a public endpoint: keep them in one place per domain).',
      inline:
        'Inline "use server" functions are not allowed; define the action with defineAction in lib/<domain>/actions.ts.',
    },
    schema: [],
  },
  create(context) {
    const file = rel(context.filename);
    const allowed = /^lib\/[^/]+\/actions\.ts$/.test(file);
    const checkBody = (node) => {
      const body = node.body?.type === "BlockStatement" ? node.body.body : [];
      const d = body.find(isUseServer);
      if (d) context.report({ node: d, messageId: "inline" });
    };
    return {
      Program(node) {
        const d = node.body.find(isUseServer);
        if (d && !allowed) context.report({ node: d, messageId: "file" });
      },
      FunctionDeclaration: checkBody,
      FunctionExpression: checkBody,
      ArrowFunctionExpression: checkBody,
    };
  },
};

/** Pages fetch, components render: no async (data-fetching) component under components/. */
const noAsyncComponent = {
  meta: {
    type: "problem",
    docs: { description: "Components under components/ are not async" },
    messages: { asyncComponent: boundaries.meta.messages.asyncComponent },
    schema: [],
  },
  create(context) {
    const file = rel(context.filename);
    if (!file.startsWith("components/")) return {};
    const check = (node, name) => {
      if (node.async && name && /^[A-Z]/.test(name)) context.report({ node, messageId: "asyncComponent" });
    };
    return {
      FunctionDeclaration: (node) => check(node, node.id?.name),
      "VariableDeclarator > ArrowFunctionExpression": (node) => check(node, node.parent.id?.name),
    };
  },
};

/** Used by the lint test to make sure every rule has a message users can act on. */
export function ruleNames() {
  return Object.keys(plugin.rules);
}

const plugin = {
  meta: { name: "haven" },
  rules: { boundaries, "use-server-location": useServerLocation, "no-async-component": noAsyncComponent },
};
export default plugin;

// Guard against a moved repository root: the rules resolve paths against it.
if (!fs.existsSync(path.join(root, "package.json"))) throw new Error(`haven lint rules: no package.json at ${root}`);
