/**
 * The Teams app package and its lifecycle files are tested artifacts: for every committed
 * environment the packaged manifest and localisation pass the official schemas of their
 * version (offline, from @microsoft/app-manifest), every placeholder has a variable, the
 * icons meet Teams' rules, the activity types and bot commands match the code that uses
 * them, and the Entra, Bicep and toolkit files agree with each other.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { readIntent } from '../bot/src/text.js';
import { ROLES } from '../core/src/identity.js';
import { NUDGE_ACTIVITY_TYPES, NUDGE_TEMPLATE_PARAMETERS } from '../core/src/nudges/plan.js';
import { loadBackendConfig } from '../functions/src/config.js';
import { TOOLBOX_ENTITY_ID } from '../functions/src/links.js';
import { ACTIVITY_TEMPLATE_PARAMETERS, ACTIVITY_TYPES } from '../manifest/activity-types.js';
import { renderColorIcon, renderOutlineIcon } from '../manifest/draw-icons.js';
import {
  NIL_GUID,
  PackageError,
  ROOT,
  buildPackage,
  checkIcon,
  loadEnvironment,
  packageEnvironment,
  parseEnvFile,
  placeholdersIn,
  provisionedVariables,
  resolvePlaceholders,
  stageFunctions,
  validateManifest,
  type PackageInput,
} from '../scripts/package-app.js';

const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const readJson = <T = any>(path: string): T => JSON.parse(read(path)) as T;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The committed environments: env/.env.<name> without the git-ignored .user files. */
const ENVIRONMENTS = readdirSync(join(ROOT, 'env'))
  .filter((f) => f.startsWith('.env.') && !f.endsWith('.user'))
  .map((f) => f.slice('.env.'.length))
  .sort();

/** Which env files must define the placeholders of which file. */
const PLACEHOLDER_FILES: { file: string; envs: (env: string) => boolean }[] = [
  { file: 'manifest/manifest.json', envs: () => true },
  { file: 'manifest/en-us.json', envs: () => true },
  { file: 'aad.manifest.json', envs: () => true },
  // teamsapp.local.yml serves only the local environment, teamsapp.yml every other one.
  { file: 'teamsapp.local.yml', envs: (env) => env === 'local' },
  { file: 'teamsapp.yml', envs: (env) => env !== 'local' },
  { file: 'infra/main.parameters.json', envs: (env) => env !== 'local' },
];

async function unzip(zip: Buffer): Promise<Record<string, Buffer>> {
  const archive = await JSZip.loadAsync(zip);
  const files: Record<string, Buffer> = {};
  for (const name of Object.keys(archive.files)) files[name] = await archive.file(name)!.async('nodebuffer');
  return files;
}

function packageInput(overrides: Partial<PackageInput> = {}): PackageInput {
  return {
    manifestTemplate: read('manifest/manifest.json'),
    localizationTemplates: { 'en-us.json': read('manifest/en-us.json') },
    icons: {
      'color.png': readFileSync(join(ROOT, 'manifest/color.png')),
      'outline.png': readFileSync(join(ROOT, 'manifest/outline.png')),
    },
    env: loadEnvironment('dev').values,
    envLabel: 'env/.env.dev',
    pending: provisionedVariables(),
    ...overrides,
  };
}

async function packageProblems(input: PackageInput): Promise<string[]> {
  try {
    await buildPackage(input);
  } catch (error) {
    if (error instanceof PackageError) return [...error.problems];
    throw error;
  }
  return [];
}

/** A minimal valid backend configuration (functions/src/config.ts), for reading its defaults. */
const SAMPLE_BACKEND_ENV = {
  AzureWebJobsStorage: 'UseDevelopmentStorage=true',
  AUTH_ISSUER: 'https://login.microsoftonline.com/{tenantid}/v2.0',
  AUTH_AUDIENCE: 'api://example',
  AUTH_JWKS_URI: 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
  AUTH_ALLOWED_TENANTS: '22222222-2222-4222-8222-222222222222',
  TAB_BASE_URL: 'https://tab.example.org',
};

const manifest = readJson('manifest/manifest.json');
const english = readJson<Record<string, string>>('manifest/en-us.json');

describe('committed environments', () => {
  it('include local and dev', () => {
    expect(ENVIRONMENTS).toEqual(expect.arrayContaining(['local', 'dev']));
  });

  it.each(ENVIRONMENTS)(
    'env/.env.%s holds no SECRET_ variable (those belong in the git-ignored .user file)',
    (env) => {
      const keys = Object.keys(parseEnvFile(read(`env/.env.${env}`)));
      expect(keys.filter((k) => k.startsWith('SECRET_'))).toEqual([]);
      expect(readFileSync(join(ROOT, '.gitignore'), 'utf8')).toMatch(/^env\/\.env\.\*\.user$/m);
    },
  );

  for (const { file, envs } of PLACEHOLDER_FILES) {
    it.each(ENVIRONMENTS.filter(envs))(`every placeholder in ${file} is defined in env/.env.%s`, (env) => {
      const defined = parseEnvFile(read(`env/.env.${env}`));
      const names = placeholdersIn(read(file)).filter((n) => !n.startsWith('SECRET_'));
      expect(names.length).toBeGreaterThan(0);
      expect(names.filter((n) => !(n in defined))).toEqual([]);
    });
  }
});

describe.each(ENVIRONMENTS)('the app package for env/.env.%s', (env) => {
  const outDir = mkdtempSync(join(tmpdir(), `mvi-package-${env}-`));
  const built = packageEnvironment(env, ROOT, outDir).then(async (result) => ({
    result,
    files: await unzip(readFileSync(result.zipPath)),
  }));
  // Each test awaits `built` and reports a packaging failure itself.
  built.catch(() => undefined);

  it('contains exactly the manifest, the English strings and both icons', async () => {
    const { result, files } = await built;
    expect(result.zipPath).toBe(join(outDir, `appPackage.${env}.zip`));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'en-us.json', 'manifest.json', 'outline.png']);
  });

  it('has a manifest the official schema of its version accepts, with no placeholder left', async () => {
    const { files } = await built;
    const text = files['manifest.json']!.toString('utf8');
    expect(placeholdersIn(text)).toEqual([]);
    const packaged = JSON.parse(text);
    expect(Number(packaged.manifestVersion)).toBeGreaterThanOrEqual(1.19);
    expect(
      validateManifest(packaged, [
        { file: 'en-us.json', content: JSON.parse(files['en-us.json']!.toString('utf8')) },
      ]),
    ).toEqual([]);
    // Microsoft's own validator in @microsoft/app-manifest loads the same schema offline.
    expect(await AppManifestUtils.validateAgainstSchema(packaged as AppManifest)).toEqual([]);
  });

  it('has an English localisation file the localization schema accepts', async () => {
    const { files } = await built;
    const packaged = JSON.parse(files['manifest.json']!.toString('utf8'));
    const strings = JSON.parse(files['en-us.json']!.toString('utf8'));
    expect(validateManifest(packaged, [{ file: 'en-us.json', content: strings }])).toEqual([]);
    // The same check rejects what the localization schema forbids (name.short is at most 30).
    const tooLong = { ...strings, 'name.short': 'x'.repeat(31) };
    expect(validateManifest(packaged, [{ file: 'en-us.json', content: tooLong }]).join('\n')).toMatch(
      /en-us\.json \/name\.short: must NOT have more than 30 characters/,
    );
  });

  it('uses https for every URL and host names in validDomains', async () => {
    const { files } = await built;
    const packaged = JSON.parse(files['manifest.json']!.toString('utf8'));
    const urls = [
      packaged.developer.websiteUrl,
      packaged.developer.privacyUrl,
      packaged.developer.termsOfUseUrl,
      ...packaged.staticTabs.flatMap((t: any) => [t.contentUrl, t.websiteUrl].filter(Boolean)),
    ];
    for (const url of urls) expect(url).toMatch(/^https:\/\/[^/]+/);
    for (const domain of packaged.validDomains) expect(domain).toMatch(/^[a-z0-9.-]+(:\d+)?$/i);
  });
});

describe('icons', () => {
  const color = PNG.sync.read(readFileSync(join(ROOT, 'manifest/color.png')));
  const outline = PNG.sync.read(readFileSync(join(ROOT, 'manifest/outline.png')));

  it('are 192×192 (colour) and 32×32 (outline)', () => {
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([outline.width, outline.height]).toEqual([32, 32]);
  });

  it('outline: every pixel is fully transparent or white, and the shape is not empty', () => {
    let opaque = 0;
    let transparent = 0;
    const notWhite: string[] = [];
    for (let i = 0; i < outline.width * outline.height; i++) {
      const [r, g, b, a] = outline.data.subarray(i * 4, i * 4 + 4);
      if (a === 0) transparent++;
      else {
        if (r !== 255 || g !== 255 || b !== 255) notWhite.push(`${i % 32},${Math.floor(i / 32)}`);
        if (a === 255) opaque++;
      }
    }
    expect(notWhite, 'pixels that are visible but not white').toEqual([]);
    expect(opaque).toBeGreaterThan(50);
    expect(transparent).toBeGreaterThan(300);
  });

  it('colour: opaque and in more than one colour', () => {
    const colours = new Set<string>();
    let translucent = 0;
    for (let i = 0; i < color.width * color.height; i++) {
      if (color.data[i * 4 + 3] !== 255) translucent++;
      colours.add(color.data.subarray(i * 4, i * 4 + 3).join());
    }
    expect(translucent).toBe(0);
    expect(colours.size).toBeGreaterThan(2);
  });

  it('are what manifest/draw-icons.ts draws (run it after changing the drawing)', () => {
    expect(Buffer.compare(renderColorIcon().data, color.data)).toBe(0);
    expect(Buffer.compare(renderOutlineIcon().data, outline.data)).toBe(0);
  });

  it('checkIcon refuses a wrong size and a coloured pixel in the outline', () => {
    const small = new PNG({ width: 16, height: 16 });
    expect(checkIcon('outline.png', PNG.sync.write(small), 'outline')).toEqual([
      'outline.png: is 16×16, the outline icon must be 32×32',
    ]);
    // Tint the first visible pixel red.
    const tinted = renderOutlineIcon();
    const pixel = Array.from({ length: 32 * 32 }, (_, p) => p).find((p) => tinted.data[p * 4 + 3]! > 0)!;
    tinted.data[pixel * 4 + 1] = 0;
    tinted.data[pixel * 4 + 2] = 0;
    expect(checkIcon('outline.png', PNG.sync.write(tinted), 'outline')).toEqual([
      `outline.png: 1 pixels are neither white nor fully transparent, first at (${pixel % 32}, ${Math.floor(pixel / 32)})`,
    ]);
    expect(checkIcon('color.png', PNG.sync.write(renderColorIcon()), 'color')).toEqual([]);
  });
});

describe('activity feed notification types', () => {
  const declared: { type: string; description: string; templateText: string }[] =
    manifest.activities.activityTypes;
  const params = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

  it('are exactly ACTIVITY_TYPES, each with a description and a template text', () => {
    expect(declared.map((a) => a.type).sort()).toEqual([...ACTIVITY_TYPES].sort());
    for (const a of declared) {
      expect(a.description.length).toBeGreaterThan(10);
      expect(a.templateText.length).toBeGreaterThan(10);
    }
  });

  it('include every type the nudge planner sends, with the parameters it sends', () => {
    for (const [stage, type] of Object.entries(NUDGE_ACTIVITY_TYPES)) {
      expect(ACTIVITY_TYPES, stage).toContain(type);
      expect(
        [...NUDGE_TEMPLATE_PARAMETERS[stage as keyof typeof NUDGE_TEMPLATE_PARAMETERS]].sort(),
        type,
      ).toEqual([...ACTIVITY_TEMPLATE_PARAMETERS[type]].sort());
    }
  });

  it('use the template parameters the backend sends, in Dutch and in English', () => {
    for (const [i, a] of declared.entries()) {
      const expected = [
        ...ACTIVITY_TEMPLATE_PARAMETERS[a.type as keyof typeof ACTIVITY_TEMPLATE_PARAMETERS],
      ].sort();
      expect(params(a.templateText), a.type).toEqual(expected);
      expect(params(english[`activities.activityTypes[${i}].templateText`]!), `${a.type} (en)`).toEqual(
        expected,
      );
    }
  });
});

describe('bot commands', () => {
  const bot = manifest.bots[0];
  const dutch: string[] = bot.commandLists.flatMap((l: any) => l.commands.map((c: any) => c.title));
  const englishTitles = Object.entries(english)
    .filter(([key]) => /^bots\[0\]\.commandLists\[\d+\]\.commands\[\d+\]\.title$/.test(key))
    .map(([, title]) => title);

  it('are offered in personal chats, teams and group chats, in Dutch with English translations', () => {
    expect(manifest.bots).toHaveLength(1);
    expect(bot.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(dutch).toEqual(['help', 'sessies', 'mijn aanbestedingen', 'mvi vastleggen']);
    expect(englishTitles).toEqual(['help', 'sessions', 'my tenders', 'record mvi']);
  });

  it('are all handled by the bot (readIntent), none falls through to free-text advice', () => {
    for (const title of [...dutch, ...englishTitles]) {
      expect(['advice', 'empty'], title).not.toContain(readIntent(title).kind);
    }
    expect(readIntent('mijn aanbestedingen').kind).toBe('my-tenders');
    expect(readIntent('sessions').kind).toBe('sessions');
    // Recording MVI without a reference lists one's tenders, each with the form; with one, opens it.
    expect(readIntent('mvi vastleggen').kind).toBe('my-tenders');
    expect(readIntent('record MVI for T-2026-014')).toEqual({
      kind: 'record-mvi',
      reference: 'T-2026-014',
    });
  });
});

describe('static tabs and single sign-on', () => {
  it('have the entity ids and routes the links and the tab use', () => {
    const tabs = Object.fromEntries(manifest.staticTabs.map((t: any) => [t.entityId, t.contentUrl]));
    expect(tabs[TOOLBOX_ENTITY_ID]).toBe('${{TAB_ENDPOINT}}/');
    expect(tabs['my-tenders']).toBe('${{TAB_ENDPOINT}}/tenders');
    expect(tabs['sessions']).toBe('${{TAB_ENDPOINT}}/sessions');
  });

  it('webApplicationInfo, the Entra identifier URI and the tab configuration name the same API', () => {
    const aad = readJson('aad.manifest.json');
    expect(manifest.webApplicationInfo).toEqual({
      id: '${{AAD_APP_CLIENT_ID}}',
      resource: 'api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}',
    });
    expect(aad.appId).toBe(manifest.webApplicationInfo.id);
    expect(aad.identifierUris).toEqual([manifest.webApplicationInfo.resource]);
    expect(aad.api.oauth2PermissionScopes.map((s: any) => s.value)).toEqual(['access_as_user']);
    const deploy: any[] = parseYaml(read('teamsapp.yml')).deploy;
    const config = deploy.find(
      (s) => s.uses === 'file/createOrUpdateJsonFile' && s.with.target === './tab/dist/config.json',
    ).with.content;
    expect(config).toEqual({
      apiBaseUrl: '${{FUNCTION_ENDPOINT}}/api',
      auth: {
        mode: 'entra',
        clientId: manifest.webApplicationInfo.id,
        authority: 'https://login.microsoftonline.com/${{AAD_APP_TENANT_ID}}',
        apiScope: `${manifest.webApplicationInfo.resource}/access_as_user`,
      },
    });
  });
});

describe('aad.manifest.json', () => {
  const aad = readJson('aad.manifest.json');

  it('defines exactly the app roles the backend checks, with stable unique ids', () => {
    const forUsers = aad.appRoles
      .filter((r: any) => r.allowedMemberTypes.includes('User'))
      .map((r: any) => r.value);
    const forApps = aad.appRoles
      .filter((r: any) => r.allowedMemberTypes.includes('Application'))
      .map((r: any) => r.value);
    expect(forUsers.sort()).toEqual([...ROLES].sort());
    // Other systems that maintain tenders get the role the API requires of their app tokens.
    expect(forApps).toEqual([loadBackendConfig(SAMPLE_BACKEND_ENV).TENDER_API_ROLE]);
    const ids = aad.appRoles.map((r: any) => r.id);
    for (const id of ids) expect(id).toMatch(GUID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('pre-authorises the Teams, Microsoft 365 and Outlook clients for access_as_user', () => {
    const clients = aad.api.preAuthorizedApplications.map((p: any) => p.appId);
    expect(clients).toEqual(
      expect.arrayContaining([
        '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
        '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
      ]),
    );
    for (const p of aad.api.preAuthorizedApplications)
      expect(p.delegatedPermissionIds).toEqual([aad.api.oauth2PermissionScopes[0].id]);
    expect(aad.spa.redirectUris).toEqual(['https://${{TAB_DOMAIN}}']);
  });

  it('requests only the documented Microsoft Graph permissions, each explained in docs/deployment.md', () => {
    expect(aad.requiredResourceAccess.map((r: any) => r.resourceAppId)).toEqual([
      '00000003-0000-0000-c000-000000000000',
    ]);
    const access: { id: string; type: string }[] = aad.requiredResourceAccess[0].resourceAccess;
    const docs = read('docs/deployment.md');
    const expected: Record<string, [string, string]> = {
      'TeamsActivity.Send': ['Role', 'Application'],
      'TeamsAppInstallation.ReadWriteSelfForUser.All': ['Role', 'Application'],
      'User.Read.All': ['Role', 'Application'],
      'OnlineMeetingArtifact.Read.All': ['Role', 'Application'],
      'User.Read': ['Scope', 'Delegated'],
      openid: ['Scope', 'Delegated'],
      profile: ['Scope', 'Delegated'],
      offline_access: ['Scope', 'Delegated'],
    };
    expect(access).toHaveLength(Object.keys(expected).length);
    for (const [name, [type, kind]] of Object.entries(expected)) {
      // The docs table row names the permission, its kind and its GUID; the manifest must agree.
      const row = docs.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row, `docs/deployment.md row for ${name}`).toBeDefined();
      expect(row).toContain(kind);
      const id = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/.exec(row!)![1];
      expect(access, name).toContainEqual({ id, type });
    }
  });
});

describe('teamsapp.yml and teamsapp.local.yml', () => {
  const KNOWN_ACTIONS = new Set([
    'aadApp/create',
    'aadApp/update',
    'arm/deploy',
    'azureStorage/enableStaticWebsite',
    'cli/runNpmCommand',
    'cli/runNpxCommand',
    'azureStorage/deploy',
    'azureAppService/zipDeploy',
    'azureFunctions/zipDeploy',
    'teamsApp/create',
    'teamsApp/validateManifest',
    'teamsApp/validateAppPackage',
    'teamsApp/zipAppPackage',
    'teamsApp/update',
    'teamsApp/publishAppPackage',
    'botAadApp/create',
    'botFramework/create',
    'file/createOrUpdateEnvironmentFile',
    'file/createOrUpdateJsonFile',
    'devTool/install',
    'script',
    'azureStaticWebApps/getDeploymentToken',
  ]);
  const cloud = parseYaml(read('teamsapp.yml')) as Record<string, any>;
  const local = parseYaml(read('teamsapp.local.yml')) as Record<string, any>;
  const uses = (steps: any[] | undefined): string[] => (steps ?? []).map((s) => s.uses);

  it('parse, declare their schema version and use only known toolkit actions', () => {
    for (const [file, doc] of [
      ['teamsapp.yml', cloud],
      ['teamsapp.local.yml', local],
    ] as const) {
      expect(doc.version, file).toMatch(/^v1\.\d+$/);
      expect(read(file), file).toContain(
        `yaml-language-server: $schema=https://aka.ms/m365-agents-toolkits/${doc.version}/yaml.schema.json`,
      );
      for (const stage of ['provision', 'deploy', 'publish'])
        for (const u of uses(doc[stage])) expect(KNOWN_ACTIONS, `${file} ${stage}`).toContain(u);
    }
  });

  it('provision creates the apps, deploys the Bicep, then updates Entra and Teams with the outputs', () => {
    const provision = uses(cloud.provision);
    expect(provision).toEqual(
      expect.arrayContaining([
        'teamsApp/create',
        'aadApp/create',
        'arm/deploy',
        'aadApp/update',
        'teamsApp/validateManifest',
        'teamsApp/zipAppPackage',
        'teamsApp/validateAppPackage',
        'teamsApp/update',
      ]),
    );
    expect(provision.indexOf('arm/deploy')).toBeLessThan(provision.indexOf('aadApp/update'));
    expect(provision.indexOf('arm/deploy')).toBeLessThan(provision.indexOf('teamsApp/zipAppPackage'));
    expect(provision.lastIndexOf('aadApp/create')).toBeLessThan(provision.indexOf('arm/deploy'));
    const arm = cloud.provision.find((s: any) => s.uses === 'arm/deploy').with.templates[0];
    expect(arm).toMatchObject({ path: './infra/main.bicep', parameters: './infra/main.parameters.json' });
    expect(cloud.provision.find((s: any) => s.uses === 'aadApp/update').with.manifestPath).toBe(
      './aad.manifest.json',
    );
  });

  it('deploy builds, ships the Functions app and the tab, and writes the tab configuration', () => {
    const deploy = uses(cloud.deploy);
    expect(deploy).toEqual(
      expect.arrayContaining([
        'cli/runNpmCommand',
        'azureFunctions/zipDeploy',
        'file/createOrUpdateJsonFile',
        'azureStaticWebApps/getDeploymentToken',
        'cli/runNpxCommand',
      ]),
    );
    expect(cloud.deploy.find((s: any) => s.uses === 'azureFunctions/zipDeploy').with.resourceId).toBe(
      '${{FUNCTION_APP_RESOURCE_ID}}',
    );
    const targets = cloud.deploy
      .filter((s: any) => s.uses === 'file/createOrUpdateJsonFile')
      .map((s: any) => s.with.target);
    expect(targets).toEqual(['./tab/dist/config.json', './tab/dist/staticwebapp.config.json']);
    expect(deploy.indexOf('cli/runNpmCommand')).toBeLessThan(deploy.indexOf('file/createOrUpdateJsonFile'));
  });

  it('publish submits the package to the organisation catalogue', () => {
    expect(uses(cloud.publish)).toContain('teamsApp/publishAppPackage');
    expect(uses(cloud.publish).at(-1)).toBe('teamsApp/publishAppPackage');
  });

  it('local debugging registers the bot on the tunnel and writes local settings', () => {
    expect(uses(local.provision)).toEqual(
      expect.arrayContaining([
        'teamsApp/create',
        'aadApp/create',
        'aadApp/update',
        'botFramework/create',
        'teamsApp/update',
      ]),
    );
    expect(local.provision.find((s: any) => s.uses === 'botFramework/create').with.messagingEndpoint).toBe(
      '${{BOT_ENDPOINT}}/api/messages',
    );
    expect(uses(local.deploy)).toContain('file/createOrUpdateEnvironmentFile');
    expect(parseEnvFile(read('env/.env.local'))['TAB_ENDPOINT']).toBe('https://localhost:53000');
  });

  it('write secrets only to SECRET_ variables', () => {
    const secretOutputs = ['clientSecret', 'botPassword', 'deploymentToken'];
    for (const doc of [cloud, local]) {
      for (const step of [...(doc.provision ?? []), ...(doc.deploy ?? []), ...(doc.publish ?? [])]) {
        for (const [output, variable] of Object.entries(step.writeToEnvironmentFile ?? {})) {
          if (secretOutputs.includes(output)) expect(variable, `${step.uses} ${output}`).toMatch(/^SECRET_/);
          else expect(variable).toMatch(/^[A-Z][A-Z0-9_]*$/);
        }
      }
    }
  });
});

describe('infra', () => {
  const bicep = read('infra/main.bicep');
  const parameters = readJson('infra/main.parameters.json').parameters as Record<string, unknown>;
  const declared = [...bicep.matchAll(/^param (\w+) \w+( = .*)?$/gm)].map((m) => ({
    name: m[1]!,
    hasDefault: Boolean(m[2]),
  }));
  const outputs = [...bicep.matchAll(/^output (\w+) /gm)].map((m) => m[1]!);

  it('the parameters file sets only declared parameters, and every required one', () => {
    const names = declared.map((p) => p.name);
    expect(Object.keys(parameters).filter((p) => !names.includes(p))).toEqual([]);
    expect(declared.filter((p) => !p.hasDefault && !(p.name in parameters)).map((p) => p.name)).toEqual([]);
  });

  it('runs the Functions app on Flex Consumption with Node 22 and a Key Vault reference for the bot password', () => {
    expect(bicep).toMatch(/name: 'FC1'/);
    expect(bicep).toMatch(/runtime: \{\s*name: 'node'\s*version: '22'/);
    expect(bicep).toMatch(
      /BOT_PASSWORD: '@Microsoft\.KeyVault\(SecretUri=\$\{botPasswordSecret\.properties\.secretUri\}\)'/,
    );
    expect(bicep).toMatch(/msaAppType: 'SingleTenant'/);
  });

  /** The Function App's settings as main.bicep writes them, with sample values for deployment-time expressions. */
  function deployedSettings(): Record<string, string> {
    const block = /^var appSettings = \{\n([\s\S]*?)\n\}/m.exec(bicep)?.[1];
    expect(block, 'var appSettings in main.bicep').toBeDefined();
    const sample: Record<string, string> = {
      loginEndpoint: 'https://login.microsoftonline.com/',
      tabDomain: 'tab.example.org',
      aadAppClientId: '11111111-1111-4111-8111-111111111111',
      aadAppTenantId: '22222222-2222-4222-8222-222222222222',
      botAppId: '33333333-3333-4333-8333-333333333333',
      botTenantId: '22222222-2222-4222-8222-222222222222',
      teamsAppId: '44444444-4444-4444-8444-444444444444',
      teamsCatalogAppId: '55555555-5555-4555-8555-555555555555',
      allowedTenants: '',
      logLevel: 'info',
      'identity.properties.clientId': '66666666-6666-4666-8666-666666666666',
      'appInsights.properties.ConnectionString': 'InstrumentationKey=00000000-0000-0000-0000-000000000000',
    };
    const evaluate = (expr: string): string => {
      const ternary = /^empty\((\w+)\) \? (\w+) : (\w+)$/.exec(expr);
      if (ternary) return evaluate(ternary[1]!) === '' ? evaluate(ternary[2]!) : evaluate(ternary[3]!);
      if (/^'.*'$/.test(expr))
        return expr.slice(1, -1).replace(/\$\{([^}]+)\}/g, (_, inner: string) => evaluate(inner));
      if (/^\w+Secret\.properties\.secretUri$/.test(expr))
        return `https://kv.vault.azure.net/secrets/${expr.split('.')[0]}`;
      if (expr in sample) return sample[expr]!;
      throw new Error(`no sample value for the Bicep expression ${expr}`);
    };
    const settings: Record<string, string> = {};
    for (const line of block!.split('\n')) {
      const m = /^ {2}(\w+): (.+)$/.exec(line);
      if (m) settings[m[1]!] = evaluate(m[2]!.trim());
    }
    return settings;
  }

  it('gives the Function App settings that pass the backend configuration check', () => {
    const settings = deployedSettings();
    const config = loadBackendConfig(settings);
    expect(config.AUTH_AUDIENCE).toEqual([
      '11111111-1111-4111-8111-111111111111',
      'api://tab.example.org/11111111-1111-4111-8111-111111111111',
    ]);
    expect(config.AUTH_ALLOWED_TENANTS).toEqual(['22222222-2222-4222-8222-222222222222']);
    expect(config.AUTH_ISSUER).toBe('https://login.microsoftonline.com/{tenantid}/v2.0');
    expect(config.TAB_BASE_URL).toBe('https://tab.example.org');
    expect(config.GRAPH_AUTH).toBe('client-secret');
    for (const secret of ['AzureWebJobsStorage', 'BOT_PASSWORD', 'GRAPH_CLIENT_SECRET'])
      expect(settings[secret]).toMatch(/^@Microsoft\.KeyVault\(SecretUri=https:/);
    // Every setting is one the backend reads or one the Functions host reads (no typos).
    const configSource = read('functions/src/config.ts');
    const unknown = Object.keys(settings).filter(
      (k) => !k.startsWith('APPLICATIONINSIGHTS_') && !new RegExp(`^\\s+${k}: `, 'm').test(configSource),
    );
    expect(unknown).toEqual([]);
  });

  it('outputs what deploy reads, and each output has its line in env/.env.dev', () => {
    // Deploy runs after provision: its inputs come from toolkit actions or from Bicep outputs.
    const provisioned = provisionedVariables();
    const deploy = JSON.stringify(parseYaml(read('teamsapp.yml')).deploy);
    const fromBicep = placeholdersIn(deploy).filter(
      (n) => !provisioned.has(n) && !/^(AZURE_|SECRET_|TEAMSFX_ENV$)/.test(n),
    );
    expect(fromBicep).toEqual(
      expect.arrayContaining(['FUNCTION_APP_RESOURCE_ID', 'TAB_SWA_RESOURCE_ID', 'FUNCTION_ENDPOINT']),
    );
    expect(fromBicep.filter((n) => !outputs.includes(n))).toEqual([]);
    const dev = parseEnvFile(read('env/.env.dev'));
    expect(outputs.filter((o) => !(o in dev))).toEqual([]);
  });
});

describe('packaging', () => {
  it('packages ids that provisioning has not written yet as the nil GUID, and marks them', async () => {
    const env = { ...loadEnvironment('dev').values, TEAMS_APP_ID: '', AAD_APP_CLIENT_ID: '', BOT_ID: '' };
    const built = await buildPackage(packageInput({ env }));
    expect(built.unprovisioned.sort()).toEqual(['AAD_APP_CLIENT_ID', 'BOT_ID', 'TEAMS_APP_ID']);
    expect(built.manifest['id']).toBe(NIL_GUID);
  });

  it('packages provisioned ids as they are', async () => {
    const ids = {
      TEAMS_APP_ID: '11111111-1111-4111-8111-111111111111',
      AAD_APP_CLIENT_ID: '22222222-2222-4222-8222-222222222222',
      BOT_ID: '33333333-3333-4333-8333-333333333333',
    };
    const built = await buildPackage(
      packageInput({ env: { ...loadEnvironment('dev').values, ...ids, TAB_DOMAIN: 'tab.example.org' } }),
    );
    expect(built.unprovisioned).toEqual([]);
    expect(built.manifest).toMatchObject({
      id: ids.TEAMS_APP_ID,
      bots: [{ botId: ids.BOT_ID }],
      webApplicationInfo: {
        id: ids.AAD_APP_CLIENT_ID,
        resource: `api://tab.example.org/${ids.AAD_APP_CLIENT_ID}`,
      },
    });
  });

  it('fails on an unresolved placeholder, naming it', async () => {
    const manifestTemplate = read('manifest/manifest.json').replace(
      '"accentColor": "#1F7A4D"',
      '"accentColor": "${{BRAND_COLOUR}}"',
    );
    const problems = await packageProblems(packageInput({ manifestTemplate }));
    expect(problems).toEqual([
      'unresolved placeholder ${{BRAND_COLOUR}} in manifest.json: BRAND_COLOUR is not defined in env/.env.dev',
    ]);
  });

  it('fails on an empty variable that provisioning does not fill in, naming it', async () => {
    const env = { ...loadEnvironment('dev').values, TAB_DOMAIN: '' };
    const problems = await packageProblems(packageInput({ env }));
    expect(problems.join('\n')).toContain(
      'unresolved placeholder ${{TAB_DOMAIN}} in manifest.json: TAB_DOMAIN is empty in env/.env.dev',
    );
  });

  it('refuses an http:// URL in a URL field, which the schema alone would accept', async () => {
    const manifestTemplate = read('manifest/manifest.json').replace(
      '"websiteUrl": "https://mvi-companion.example.org"',
      '"websiteUrl": "http://mvi-companion.example.org"',
    );
    expect(await packageProblems(packageInput({ manifestTemplate }))).toEqual([
      'manifest.json developer.websiteUrl: http://mvi-companion.example.org must use https://',
    ]);
    const env = { ...loadEnvironment('dev').values, TAB_ENDPOINT: 'http://localhost:53000' };
    const problems = await packageProblems(packageInput({ env }));
    expect(problems).toContain(
      'manifest.json staticTabs[0].contentUrl: http://localhost:53000/ must use https://',
    );
  });

  it('reports schema violations with their path', async () => {
    const env = { ...loadEnvironment('dev').values, APP_NAME_SUFFIX: ' with a name far too long for Teams' };
    expect((await packageProblems(packageInput({ env }))).join('\n')).toMatch(
      /manifest\.json \/name\/short: must NOT have more than 30 characters/,
    );
  });

  it('reports localised strings without a manifest element and changed template parameters', async () => {
    const strings = {
      ...english,
      'staticTabs[7].name': 'Nowhere',
      'activities.activityTypes[2].templateText': '{tenderTitle} kicks off soon',
    };
    const problems = await packageProblems(
      packageInput({ localizationTemplates: { 'en-us.json': JSON.stringify(strings) } }),
    );
    expect(problems).toContain('en-us.json: "staticTabs[7].name" has no counterpart in manifest.json');
    expect(problems).toContain(
      'en-us.json activities.activityTypes[2].templateText: uses {tenderTitle} but manifest.json uses {kickoffDate}, {tenderTitle}',
    );
  });

  it('escapes values for JSON and resolves pending variables only when empty', () => {
    const pending = new Set(['BOT_ID']);
    expect(
      resolvePlaceholders('"${{A}}" ${{BOT_ID}}', { A: 'say "hi"', BOT_ID: '' }, { json: true, pending }),
    ).toEqual({ text: '"say \\"hi\\"" ' + NIL_GUID, unprovisioned: ['BOT_ID'] });
    expect(
      resolvePlaceholders('${{BOT_ID}}', { BOT_ID: '11111111-1111-1111-1111-111111111111' }, { pending })
        .text,
    ).toBe('11111111-1111-1111-1111-111111111111');
  });

  it('stages the Functions app with its compiled code and package files, without source maps', () => {
    const root = mkdtempSync(join(tmpdir(), 'mvi-stage-'));
    expect(() => stageFunctions(root)).toThrow(
      /dist\/functions\/src\/index\.js is missing \(run npm run build first\)/,
    );
    mkdirSync(join(root, 'dist/functions/src'), { recursive: true });
    writeFileSync(join(root, 'dist/functions/src/index.js'), 'export {};');
    writeFileSync(join(root, 'dist/functions/src/index.js.map'), '{}');
    writeFileSync(join(root, 'host.json'), '{"version":"2.0"}');
    writeFileSync(join(root, 'package.json'), JSON.stringify({ main: 'dist/functions/src/index.js' }));
    writeFileSync(join(root, 'package-lock.json'), '{}');
    const out = stageFunctions(root);
    expect(out).toBe(join(root, 'build', 'functions'));
    expect(readdirSync(out).sort()).toEqual(['dist', 'host.json', 'package-lock.json', 'package.json']);
    expect(readdirSync(join(out, 'dist/functions/src'))).toEqual(['index.js']);
  });

  it('parses env files as the toolkit writes them', () => {
    expect(parseEnvFile('# comment\nA=1\nB="two words"\nC=three # note\nexport D=\n')).toEqual({
      A: '1',
      B: 'two words',
      C: 'three',
      D: '',
    });
  });

  it('npm run package exits with 1 and names the problem for an unknown environment', () => {
    const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/package-app.ts', '--env', 'nowhere'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('env/.env.nowhere does not exist');
  });
});
