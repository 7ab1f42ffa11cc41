/** Finds string-built SQL in TypeScript source: template literals with `${}` or `+` concatenation passed to
 *  prepare/exec/pragma. Interpolating a module-level `const` written in UPPER_CASE whose value is itself constant
 *  text (a fragment such as `${SITE_COLUMNS}`) is allowed; anything else is reported. */
import ts from 'typescript';

export interface Offence {
  line: number;
  text: string;
  why: string;
}

const SQL_METHODS = new Set(['prepare', 'exec', 'pragma']);
const DB_RECEIVER = /(^|\.)(db|database|conn|sqlite|tx)$/i;
const SQL_WORDS = /\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|WITH|REPLACE|ATTACH|VACUUM|BEGIN)\b/i;
const UPPER = /^[A-Z][A-Z0-9_]*$/;

/** Reads another module's source for a relative import (`./concerns.js` → its `.ts`), or null. */
export type ModuleReader = (fromFile: string, specifier: string) => { fileName: string; source: string } | null;

/** Module-level `const NAME = <constant text>` declarations of a file, and UPPER_CASE names it imports from
 *  relative modules that declare them so (their text checked there, `consts` of that module included). */
function constantFragments(sf: ts.SourceFile, read?: ModuleReader, depth = 0): Map<string, ts.Expression> {
  const out = new Map<string, ts.Expression>();
  for (const st of sf.statements) {
    if (read && depth < 3 && ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && st.moduleSpecifier.text.startsWith('.')) {
      const named = st.importClause?.namedBindings;
      if (!named || !ts.isNamedImports(named)) continue;
      const wanted = named.elements.filter((el) => !el.isTypeOnly && UPPER.test(el.name.text) && (el.propertyName?.text ?? el.name.text) === el.name.text);
      if (!wanted.length) continue;
      const mod = read(sf.fileName, st.moduleSpecifier.text);
      if (!mod) continue;
      const theirs = constantFragments(ts.createSourceFile(mod.fileName, mod.source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS), read, depth + 1);
      for (const el of wanted) {
        const init = theirs.get(el.name.text);
        // Inline the imported fragment's own constants by checking it in its module's scope now.
        if (init) out.set(el.name.text, notConstant(init, theirs) ? init : ts.factory.createStringLiteral('constant'));
      }
      continue;
    }
    if (!ts.isVariableStatement(st) || !(st.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const d of st.declarationList.declarations) {
      if (ts.isIdentifier(d.name) && UPPER.test(d.name.text) && d.initializer) out.set(d.name.text, d.initializer);
    }
  }
  return out;
}

/** Why an expression is not constant SQL text, or null when it is. */
function notConstant(e: ts.Expression, consts: Map<string, ts.Expression>, seen = new Set<string>()): string | null {
  if (ts.isParenthesizedExpression(e)) return notConstant(e.expression, consts, seen);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return null;
  if (ts.isTemplateExpression(e)) {
    for (const span of e.templateSpans) {
      const x = span.expression;
      if (!ts.isIdentifier(x)) return `interpolates \${${x.getText()}}`;
      if (!UPPER.test(x.text)) return `interpolates \${${x.text}}, not an UPPER_CASE module constant`;
      const init = consts.get(x.text);
      if (!init) return `interpolates \${${x.text}}, not a module-level const`;
      if (seen.has(x.text)) continue;
      const inner = notConstant(init, consts, new Set([...seen, x.text]));
      if (inner) return `\${${x.text}} is not constant text: ${inner}`;
    }
    return null;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return 'builds SQL with + concatenation';
  if (ts.isIdentifier(e)) {
    const init = consts.get(e.text);
    if (init && !seen.has(e.text)) return notConstant(init, consts, new Set([...seen, e.text]));
    return `passes ${e.text}, not a literal or an UPPER_CASE module constant`;
  }
  return `passes ${ts.SyntaxKind[e.kind]}, not a literal`;
}

/** Text of a call's first argument when it looks like SQL (a string-ish argument to prepare, or to exec/pragma on a db). */
function isSqlCall(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !SQL_METHODS.has(callee.name.text)) return false;
  const arg = call.arguments[0];
  if (!arg) return false;
  if (callee.name.text === 'prepare') return true;
  // exec is also RegExp#exec and ChildProcess exec: count it only on a database or with SQL words in the argument.
  return DB_RECEIVER.test(callee.expression.getText()) || SQL_WORDS.test(arg.getText());
}

/** Offences in one file's source text. */
export function sqlOffences(fileName: string, source: string, read?: ModuleReader): Offence[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const consts = constantFragments(sf, read);
  const out: Offence[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && isSqlCall(n)) {
      const why = notConstant(n.arguments[0]!, consts);
      if (why) out.push({ line: sf.getLineAndCharacterOfPosition(n.getStart()).line + 1, text: n.getText().split('\n')[0]!.slice(0, 120), why });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}
