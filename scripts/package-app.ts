/**
 * Builds and checks the Teams app package, offline.
 *
 *   npm run package -- --env dev        build/appPackage.dev.zip from manifest/ and env/.env.dev
 *   npm run package -- --functions      stage build/functions/ (host.json, package files, dist/)
 *                                       for the Functions deployment (see teamsapp.yml, deploy)
 *
 * Packaging resolves `${{VAR}}` placeholders in manifest/manifest.json and its localisation
 * files from env/.env.<name> (plus the git-ignored env/.env.<name>.user), validates the result
 * against the official JSON schemas of the manifest's version shipped in
 * @microsoft/app-manifest, refuses `http://` URLs and checks the icons. Every problem is
 * listed; the exit code is 1 when there is any.
 *
 * Ids that `teamsapp provision` creates (TEAMS_APP_ID, AAD_APP_CLIENT_ID, BOT_ID, ...) stay
 * empty in the committed env files: the toolkit only creates an app when its variable is
 * empty. Until an environment is provisioned those placeholders are packaged as the nil GUID,
 * with a warning, so the package can still be validated; any other empty or undefined
 * variable is an error.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { parse as parseYaml } from 'yaml';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const NIL_GUID = '00000000-0000-0000-0000-000000000000';

/** The icon sizes Teams requires. */
export const ICON_SIZES = { color: 192, outline: 32 } as const;

/** Packaging or validation failed; `problems` lists every reason. */
export class PackageError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The app package was not built:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackageError';
  }
}

// ---------------------------------------------------------------------------------------
// Environment files and placeholders
// ---------------------------------------------------------------------------------------

/** Parses a dotenv file as the Teams Toolkit writes it (KEY=VALUE, # comments, optional quotes). */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const key = match[1]!;
    let value = match[2]!;
    const quoted = /^(["'])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2]!;
    else value = value.replace(/\s+#.*$/, '').trim();
    values[key] = value;
  }
  return values;
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The distinct `${{VAR}}` names in a text, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

export interface ResolveOptions {
  /** Where the text comes from, for messages (e.g. "manifest/manifest.json"). */
  source?: string;
  /** Where the values come from, for messages (e.g. "env/.env.dev"). */
  envLabel?: string;
  /** Variables that provisioning fills in: while empty they resolve to the nil GUID. */
  pending?: ReadonlySet<string>;
  /** Escape values for use inside JSON strings. */
  json?: boolean;
}

export interface Resolved {
  text: string;
  /** Pending variables that were still empty and resolved to the nil GUID. */
  unprovisioned: string[];
}

/**
 * Replaces every `${{VAR}}` with its value. Throws a PackageError naming each placeholder whose
 * variable is undefined, or empty and not pending.
 */
export function resolvePlaceholders(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
  options: ResolveOptions = {},
): Resolved {
  const source = options.source ?? 'text';
  const envLabel = options.envLabel ?? 'the environment';
  const problems: string[] = [];
  const unprovisioned = new Set<string>();
  const resolved = text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = env[name];
    if (value === undefined) {
      problems.push(
        `unresolved placeholder \${{${name}}} in ${source}: ${name} is not defined in ${envLabel}`,
      );
      return whole;
    }
    if (value === '') {
      if (options.pending?.has(name)) {
        unprovisioned.add(name);
        return NIL_GUID;
      }
      problems.push(`unresolved placeholder \${{${name}}} in ${source}: ${name} is empty in ${envLabel}`);
      return whole;
    }
    return options.json ? JSON.stringify(value).slice(1, -1) : value;
  });
  if (problems.length > 0) throw new PackageError([...new Set(problems)]);
  return { text: resolved, unprovisioned: [...unprovisioned] };
}

// ---------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------

const requireFromHere = createRequire(import.meta.url);
const SCHEMA_ROOT = join(
  dirname(requireFromHere.resolve('@microsoft/app-manifest/package.json')),
  'build',
  'json-schemas',
  'teams',
);
const SCHEMA_URL_PREFIX = 'https://developer.microsoft.com/json-schemas/teams/';

export type SchemaKind = 'manifest' | 'localization';

/** The official schema file for a manifest version, from @microsoft/app-manifest. */
export function schemaFile(version: string, kind: SchemaKind): string {
  return join(
    SCHEMA_ROOT,
    `v${version}`,
    kind === 'manifest' ? 'MicrosoftTeams.schema.json' : 'MicrosoftTeams.Localization.schema.json',
  );
}

/** The `$schema` URL a manifest (or localisation file) of this version declares. */
export function schemaUrl(version: string, kind: SchemaKind): string {
  return `${SCHEMA_URL_PREFIX}v${version}/${kind === 'manifest' ? 'MicrosoftTeams.schema.json' : 'MicrosoftTeams.Localization.schema.json'}`;
}

const validators = new Map<string, ValidateFunction>();

/**
 * Compiles an official schema. The Teams schemas are draft-04 but use no keyword whose meaning
 * changed since (no `id`, no boolean exclusiveMinimum/Maximum), so Ajv's default draft compiles
 * them once `$schema` is dropped. Their patterns are not all valid as Unicode regular
 * expressions (the localisation schema has a lone `]`), hence `unicodeRegExp: false`.
 */
function validatorFor(version: string, kind: SchemaKind): ValidateFunction | undefined {
  const file = schemaFile(version, kind);
  const cached = validators.get(file);
  if (cached) return cached;
  if (!existsSync(file)) return undefined;
  const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const text = JSON.stringify(schema);
  if (/"exclusive(Minimum|Maximum)":(true|false)/.test(text)) {
    throw new Error(
      `${file} uses draft-04 boolean exclusiveMinimum/Maximum; compile it with a draft-04 validator`,
    );
  }
  delete schema['$schema'];
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajvFormats.default(ajv);
  const validate = ajv.compile(schema);
  validators.set(file, validate);
  return validate;
}

function describeError(file: string, error: ErrorObject): string {
  const params = Object.keys(error.params).length > 0 ? ` ${JSON.stringify(error.params)}` : '';
  return `${file}${error.instancePath ? ` ${error.instancePath}` : ''}: ${error.message ?? 'is invalid'}${params}`;
}

/** Every string in a JSON value, with its path. */
function* stringsIn(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value))
    for (const [i, item] of value.entries()) yield* stringsIn(item, `${path}[${i}]`);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) yield* stringsIn(v, path ? `${path}.${k}` : k);
}

/** The value at a localisation key such as `staticTabs[0].name` or `name.short`. */
function valueAtKey(root: unknown, key: string): unknown {
  let current: unknown = root;
  for (const part of key.match(/[^.[\]]+/g) ?? []) {
    if (current === null || typeof current !== 'object') return undefined;
    current =
      /^\d+$/.test(part) && Array.isArray(current)
        ? current[Number(part)]
        : (current as Record<string, unknown>)[part];
  }
  return current;
}

function templateParameters(text: string): string[] {
  return [...text.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!).sort();
}

export interface Localization {
  /** File name inside the package, e.g. "en-us.json". */
  file: string;
  content: unknown;
}

interface ManifestShape {
  $schema?: unknown;
  manifestVersion?: unknown;
  validDomains?: unknown;
  localizationInfo?: { additionalLanguages?: { file?: unknown }[] };
  activities?: { activityTypes?: { type?: unknown; templateText?: unknown }[] };
}

/**
 * Validates a resolved manifest and its localisation files against the official schemas of
 * the manifest's version, and checks what the schemas allow but Teams does not: `http://`
 * URLs, URLs in validDomains, localisation keys without a manifest element, and localised
 * activity templates whose parameters differ. Returns every problem (empty when valid).
 */
export function validateManifest(manifest: unknown, localizations: readonly Localization[] = []): string[] {
  const problems: string[] = [];
  const m = (manifest ?? {}) as ManifestShape;
  const version = typeof m.manifestVersion === 'string' ? m.manifestVersion : undefined;
  if (!version) return ['manifest.json: manifestVersion is missing'];

  const validate = validatorFor(version, 'manifest');
  if (!validate)
    return [`manifest.json: manifestVersion ${version} has no schema in @microsoft/app-manifest`];
  if (m.$schema !== schemaUrl(version, 'manifest')) {
    problems.push(
      `manifest.json: $schema must be ${schemaUrl(version, 'manifest')} for manifestVersion ${version}`,
    );
  }
  if (!validate(manifest))
    problems.push(...(validate.errors ?? []).map((e) => describeError('manifest.json', e)));

  for (const [path, value] of stringsIn(manifest, '')) {
    if (/^http:\/\//i.test(value)) problems.push(`manifest.json ${path}: ${value} must use https://`);
  }
  if (Array.isArray(m.validDomains)) {
    for (const [i, domain] of m.validDomains.entries()) {
      if (typeof domain === 'string' && /^[a-z]+:\/\/|\//i.test(domain)) {
        problems.push(
          `manifest.json validDomains[${i}]: "${domain}" must be a host name (no scheme or path)`,
        );
      }
    }
  }

  const declared = (m.localizationInfo?.additionalLanguages ?? [])
    .map((l) => l.file)
    .filter((f): f is string => typeof f === 'string');
  for (const file of declared) {
    if (!localizations.some((l) => l.file === file))
      problems.push(`manifest.json: localisation file ${file} is missing`);
  }
  const validateLocalization = validatorFor(version, 'localization');
  for (const { file, content } of localizations) {
    if (!validateLocalization) {
      problems.push(
        `${file}: manifestVersion ${version} has no localisation schema in @microsoft/app-manifest`,
      );
      continue;
    }
    if (!validateLocalization(content))
      problems.push(...(validateLocalization.errors ?? []).map((e) => describeError(file, e)));
    const strings = (content ?? {}) as Record<string, unknown>;
    if (strings['$schema'] !== undefined && strings['$schema'] !== schemaUrl(version, 'localization')) {
      problems.push(`${file}: $schema must be ${schemaUrl(version, 'localization')}`);
    }
    for (const [key, value] of Object.entries(strings)) {
      if (key === '$schema' || key === 'localizationKeys') continue;
      if (valueAtKey(manifest, key) === undefined)
        problems.push(`${file}: "${key}" has no counterpart in manifest.json`);
      if (typeof value === 'string' && /^http:\/\//i.test(value))
        problems.push(`${file} ${key}: ${value} must use https://`);
      const template = /^activities\.activityTypes\[(\d+)\]\.templateText$/.exec(key);
      if (template && typeof value === 'string') {
        const original = m.activities?.activityTypes?.[Number(template[1])]?.templateText;
        if (
          typeof original === 'string' &&
          templateParameters(original).join() !== templateParameters(value).join()
        ) {
          problems.push(
            `${file} ${key}: uses {${templateParameters(value).join('}, {')}} but manifest.json uses {${templateParameters(original).join('}, {')}}`,
          );
        }
      }
    }
  }
  return problems;
}

/** Checks an icon's size; the outline icon must be white on transparent. */
export function checkIcon(name: string, png: Buffer, kind: keyof typeof ICON_SIZES): string[] {
  let image: PNG;
  try {
    image = PNG.sync.read(png);
  } catch (error) {
    return [`${name}: not a readable PNG (${error instanceof Error ? error.message : String(error)})`];
  }
  const size = ICON_SIZES[kind];
  const problems: string[] = [];
  if (image.width !== size || image.height !== size) {
    problems.push(`${name}: is ${image.width}×${image.height}, the ${kind} icon must be ${size}×${size}`);
  }
  if (kind === 'outline') {
    let offending = 0;
    let first = '';
    for (let i = 0; i < image.width * image.height; i++) {
      const [r, g, b, a] = [
        image.data[i * 4]!,
        image.data[i * 4 + 1]!,
        image.data[i * 4 + 2]!,
        image.data[i * 4 + 3]!,
      ];
      if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) {
        offending++;
        first ||= `(${i % image.width}, ${Math.floor(i / image.width)})`;
      }
    }
    if (offending > 0)
      problems.push(
        `${name}: ${offending} pixels are neither white nor fully transparent, first at ${first}`,
      );
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// Package
// ---------------------------------------------------------------------------------------

export interface PackageInput {
  /** manifest.json with placeholders. */
  manifestTemplate: string;
  /** Localisation files with placeholders, by file name. */
  localizationTemplates: Readonly<Record<string, string>>;
  /** PNG files by file name. */
  icons: Readonly<Record<string, Buffer>>;
  env: Readonly<Record<string, string | undefined>>;
  envLabel?: string;
  pending?: ReadonlySet<string>;
}

export interface BuiltPackage {
  zip: Buffer;
  manifest: Record<string, unknown>;
  localizations: Localization[];
  /** Pending variables packaged as the nil GUID (environment not provisioned yet). */
  unprovisioned: string[];
}

/** A fixed timestamp keeps the zip byte-for-byte reproducible. */
const ZIP_DATE = new Date(Date.UTC(2024, 0, 1));

function parseJson(text: string, file: string, problems: string[]): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    problems.push(
      `${file}: not valid JSON after resolving placeholders (${error instanceof Error ? error.message : String(error)})`,
    );
    return undefined;
  }
}

/** Resolves, validates and zips the app package. Throws a PackageError listing every problem. */
export async function buildPackage(input: PackageInput): Promise<BuiltPackage> {
  const problems: string[] = [];
  const unprovisioned = new Set<string>();
  const resolveFile = (text: string, source: string): string | undefined => {
    try {
      const r = resolvePlaceholders(text, input.env, {
        source,
        json: true,
        ...(input.envLabel ? { envLabel: input.envLabel } : {}),
        ...(input.pending ? { pending: input.pending } : {}),
      });
      r.unprovisioned.forEach((n) => unprovisioned.add(n));
      return r.text;
    } catch (error) {
      if (error instanceof PackageError) problems.push(...error.problems);
      else throw error;
      return undefined;
    }
  };

  const manifestText = resolveFile(input.manifestTemplate, 'manifest.json');
  const manifest =
    manifestText === undefined ? undefined : parseJson(manifestText, 'manifest.json', problems);
  const localizations: Localization[] = [];
  const localizedTexts: Record<string, string> = {};
  for (const [file, template] of Object.entries(input.localizationTemplates)) {
    const text = resolveFile(template, file);
    if (text === undefined) continue;
    const content = parseJson(text, file, problems);
    if (content !== undefined) {
      localizations.push({ file, content });
      localizedTexts[file] = text;
    }
  }
  if (problems.length > 0 || manifest === undefined || manifestText === undefined)
    throw new PackageError(problems);

  problems.push(...validateManifest(manifest, localizations));
  const icons = (manifest as { icons?: { color?: unknown; outline?: unknown } }).icons ?? {};
  for (const kind of ['color', 'outline'] as const) {
    const name = icons[kind];
    if (typeof name !== 'string') continue; // the schema reports it
    const png = input.icons[name];
    if (!png) problems.push(`${name}: the ${kind} icon file is missing`);
    else problems.push(...checkIcon(name, png, kind));
  }
  if (problems.length > 0) throw new PackageError(problems);

  const zip = new JSZip();
  const add = (name: string, data: string | Buffer): void => void zip.file(name, data, { date: ZIP_DATE });
  add('manifest.json', manifestText);
  for (const [file, text] of Object.entries(localizedTexts)) add(file, text);
  for (const kind of ['color', 'outline'] as const) {
    const name = icons[kind] as string;
    add(name, input.icons[name]!);
  }
  return {
    zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' }),
    manifest: manifest as Record<string, unknown>,
    localizations,
    unprovisioned: [...unprovisioned],
  };
}

// ---------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------

export interface LoadedEnvironment {
  values: Record<string, string>;
  /** The files read, relative to the root, committed file first. */
  files: string[];
}

/** env/.env.<name>, overlaid by the git-ignored env/.env.<name>.user (SECRET_ values) if present. */
export function loadEnvironment(envName: string, root = ROOT): LoadedEnvironment {
  if (!/^[A-Za-z0-9_-]+$/.test(envName))
    throw new PackageError([`"${envName}" is not an environment name (letters, digits, - and _)`]);
  const committed = `env/.env.${envName}`;
  const user = `${committed}.user`;
  if (!existsSync(join(root, committed))) throw new PackageError([`${committed} does not exist`]);
  const files = [committed];
  let values = parseEnvFile(readFileSync(join(root, committed), 'utf8'));
  if (existsSync(join(root, user))) {
    files.push(user);
    values = { ...values, ...parseEnvFile(readFileSync(join(root, user), 'utf8')) };
  }
  return { values, files };
}

/** The lifecycle files of the Teams Toolkit. */
export const LIFECYCLE_FILES = ['teamsapp.yml', 'teamsapp.local.yml'] as const;

/** Variables that toolkit actions write (`writeToEnvironmentFile`), i.e. filled in by provisioning. */
export function provisionedVariables(root = ROOT): Set<string> {
  const names = new Set<string>();
  for (const file of LIFECYCLE_FILES) {
    const path = join(root, file);
    if (!existsSync(path)) continue;
    const doc = parseYaml(readFileSync(path, 'utf8')) as Record<string, unknown> | null;
    for (const stage of ['provision', 'deploy', 'publish'] as const) {
      const steps = doc?.[stage];
      if (!Array.isArray(steps)) continue;
      for (const step of steps as { writeToEnvironmentFile?: Record<string, unknown> }[]) {
        for (const value of Object.values(step.writeToEnvironmentFile ?? {}))
          if (typeof value === 'string') names.add(value);
      }
    }
  }
  return names;
}

export interface PackageResult {
  zipPath: string;
  manifest: Record<string, unknown>;
  warnings: string[];
}

/** Builds build/appPackage.<env>.zip from manifest/ and the env files. */
export async function packageEnvironment(
  envName: string,
  root = ROOT,
  outDir = join(root, 'build'),
): Promise<PackageResult> {
  const env = loadEnvironment(envName, root);
  const manifestDir = join(root, 'manifest');
  const manifestTemplate = readFileSync(join(manifestDir, 'manifest.json'), 'utf8');
  // Read the files the manifest names; their existence is checked by buildPackage.
  const declared = JSON.parse(manifestTemplate) as {
    icons?: Record<string, unknown>;
    localizationInfo?: { additionalLanguages?: { file?: unknown }[] };
  };
  const localizationTemplates: Record<string, string> = {};
  for (const { file } of declared.localizationInfo?.additionalLanguages ?? []) {
    if (typeof file === 'string' && existsSync(join(manifestDir, file)))
      localizationTemplates[file] = readFileSync(join(manifestDir, file), 'utf8');
  }
  const icons: Record<string, Buffer> = {};
  for (const name of Object.values(declared.icons ?? {})) {
    if (typeof name === 'string' && !name.includes('$') && existsSync(join(manifestDir, name)))
      icons[name] = readFileSync(join(manifestDir, name));
  }
  const built = await buildPackage({
    manifestTemplate,
    localizationTemplates,
    icons,
    env: env.values,
    envLabel: env.files.join(' + '),
    pending: provisionedVariables(root),
  });
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${envName}.zip`);
  writeFileSync(zipPath, built.zip);
  const warnings = built.unprovisioned.map(
    (name) =>
      `${name} is empty in ${env.files[0]} (teamsapp provision fills it in); packaged as ${NIL_GUID}, so this package is for validation only`,
  );
  return { zipPath, manifest: built.manifest, warnings };
}

/**
 * Stages the Functions app for deployment: host.json, package.json, package-lock.json and the
 * compiled dist/ (run `npm run build` first). `npm ci --omit=dev` in the staged folder then
 * adds the production dependencies (teamsapp.yml does both).
 */
export function stageFunctions(root = ROOT, outDir = join(root, 'build', 'functions')): string {
  const required = ['host.json', 'package.json', 'package-lock.json', 'dist/functions/src/index.js'];
  const missing = required.filter((f) => !existsSync(join(root, f)));
  if (missing.length > 0)
    throw new PackageError(
      missing.map((f) => `${f} is missing${f.startsWith('dist/') ? ' (run npm run build first)' : ''}`),
    );
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main?: string };
  if (pkg.main !== 'dist/functions/src/index.js')
    throw new PackageError([
      `package.json main is ${String(pkg.main)}, expected dist/functions/src/index.js`,
    ]);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const file of ['host.json', 'package.json', 'package-lock.json'])
    cpSync(join(root, file), join(outDir, file));
  cpSync(join(root, 'dist'), join(outDir, 'dist'), {
    recursive: true,
    filter: (src) => !src.endsWith('.map'),
  });
  return outDir;
}

// ---------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------

async function main(): Promise<number> {
  let args: { env?: string | undefined; functions?: boolean | undefined };
  try {
    args = parseArgs({
      options: { env: { type: 'string' }, functions: { type: 'boolean' } },
      strict: true,
    }).values;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    args = {};
  }
  if (!args.env && !args.functions) {
    console.error(
      'Usage: npm run package -- --env <name>   (e.g. dev, local)\n       npm run package -- --functions',
    );
    return 1;
  }
  try {
    if (args.functions) console.log(`Staged the Functions app in ${stageFunctions()}`);
    if (args.env) {
      const result = await packageEnvironment(args.env);
      for (const warning of result.warnings) console.warn(`warning: ${warning}`);
      console.log(
        `Wrote ${result.zipPath} (manifest ${String(result.manifest['manifestVersion'])}, valid against the official schema).`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof PackageError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main();
}
