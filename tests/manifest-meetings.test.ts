/**
 * The Ambitieweb in Teams meetings: the manifest declares a configurable tab for the meeting
 * side panel, the stage and the meeting chat, with the resource-specific permissions that
 * `meeting.shareAppContentToStage` needs, and the packaged manifest still passes the official
 * schema of its version offline.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ROOT, packageEnvironment, validateManifest } from '../scripts/package-app.js';

describe('the Ambitieweb tab in meetings', () => {
  it('is declared for the side panel, the stage and the meeting chat, and validates offline', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'mvi-meetings-'));
    const result = await packageEnvironment('dev', ROOT, outDir);
    const archive = await JSZip.loadAsync(readFileSync(result.zipPath));
    const manifest = JSON.parse(await archive.file('manifest.json')!.async('string'));
    const [tab] = manifest.configurableTabs;
    expect(tab.configurationUrl).toMatch(/^https:\/\/.+\/ambitieweb\/configure$/);
    expect(tab.context).toEqual(
      expect.arrayContaining(['meetingSidePanel', 'meetingStage', 'meetingChatTab']),
    );
    expect(tab.meetingSurfaces).toEqual(['sidePanel', 'stage']);
    expect(manifest.authorization.permissions.resourceSpecific).toEqual(
      expect.arrayContaining([
        { name: 'MeetingStage.Write.Chat', type: 'Delegated' },
        { name: 'ChannelMeetingStage.Write.Group', type: 'Delegated' },
      ]),
    );
    const strings = JSON.parse(await archive.file('en-us.json')!.async('string'));
    expect(validateManifest(manifest, [{ file: 'en-us.json', content: strings }])).toEqual([]);
    expect(await AppManifestUtils.validateAgainstSchema(manifest as AppManifest)).toEqual([]);
    // A surface the schema does not know is refused by the same offline check.
    const wrong = { ...manifest, configurableTabs: [{ ...tab, meetingSurfaces: ['lobby'] }] };
    expect(validateManifest(wrong, [{ file: 'en-us.json', content: strings }]).join('\n')).toMatch(
      /meetingSurfaces/,
    );
  });
});
