/**
 * On a tender's page: the ambition level per theme the advice uses, which web it comes from
 * and why, and the way to the tender's own Ambitieweb session (opened on first use).
 */
import { Button, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Advice } from '../../../../core/src/engine/advise.js';
import { useSession } from '../../app/session.js';
import { ErrorMessage, SectionTitle, useTableClass } from '../../app/ui.js';
import { webPath, type WebView } from './model.js';
import './texts.js';

export interface AdviceWeb {
  source: 'tender' | 'department' | 'policy' | 'none';
  webId: string | null;
  reason: string;
}

export function TenderWebSection({
  reference,
  advice,
}: {
  reference: string;
  advice: Advice & { ambitieweb?: AdviceWeb };
}) {
  const { t } = useTranslation();
  const tableClass = useTableClass();
  const navigate = useNavigate();
  const { api } = useSession();
  const [error, setError] = useState('');
  const [downloaded, setDownloaded] = useState('');
  const web = advice.ambitieweb;
  const open = async (): Promise<void> => {
    setError('');
    try {
      const view = await api.send<WebView>('POST', '/ambitiewebs', { owner: { kind: 'tender', reference } });
      void navigate(webPath(view.web.id));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <section aria-labelledby="tender-web-title">
      <SectionTitle id="tender-web-title">{t('ambitieweb.tenderSection')}</SectionTitle>
      {web && <Text block>{web.reason}</Text>}
      <table className={tableClass} aria-labelledby="tender-web-title">
        <thead>
          <tr>
            <th scope="col">{t('ambitieweb.theme')}</th>
            <th scope="col">{t('ambitieweb.themeLevel')}</th>
            <th scope="col">{t('ambitieweb.themeReason')}</th>
          </tr>
        </thead>
        <tbody>
          {advice.ambitionByTheme.map((theme) => (
            <tr key={theme.theme}>
              <th scope="row">{theme.name}</th>
              <td>{theme.ambition ? t(`ambitions.${theme.ambition}`) : t('ambitieweb.levelNone')}</td>
              <td>{theme.fromWeb ? (theme.reason ?? '') : t('ambitieweb.fromSingle')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && <ErrorMessage message={error} />}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '8px' }}>
        <Button onClick={() => void open()}>
          {web?.source === 'tender' ? t('ambitieweb.goTo') : t('ambitieweb.open')}
        </Button>
        <Button
          onClick={() =>
            void api.download('GET', `/tenders/${encodeURIComponent(reference)}/criteria.docx`).then(
              (name) => setDownloaded(t('ambitieweb.downloaded', { name })),
              (e: Error) => setError(e.message),
            )
          }
        >
          {t('ambitieweb.docx')}
        </Button>
      </div>
      <div role="status" aria-live="polite">
        {downloaded && <Text>{downloaded}</Text>}
      </div>
    </section>
  );
}
