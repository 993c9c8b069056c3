import { Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isAdmin, useSession } from '../../app/session.js';
import { ErrorMessage, PageHeader, SectionTitle } from '../../app/ui.js';
import { formatDateTime } from '../../i18n/index.js';
import { errorText } from './actions.js';
import { NoticeBar, type Notice } from './Sessions.js';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    alignItems: 'flex-end',
    marginBottom: tokens.spacingVerticalL,
  },
  id: { minWidth: '24em' },
});

interface AuditEntry {
  at: string;
  action: 'export' | 'erase' | 'retention';
  actor: { userId: string; displayName: string };
  subjectId?: string;
  counts: Record<string, number>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The MVI team's privacy tools for session data: the retention period, export and erase of one person, the audit trail. */
export default function PrivacyPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { api, me, language } = useSession();
  const [months, setMonths] = useState('');
  const [person, setPerson] = useState('');
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  const [notice, setNotice] = useState<Notice>();
  const [confirming, setConfirming] = useState(false);

  const load = useCallback(async () => {
    const [settings, trail] = await Promise.all([
      api.get<{ retentionMonths: number }>('/privacy/settings'),
      api.get<{ entries: AuditEntry[] }>('/privacy/audit'),
    ]);
    setMonths(String(settings.retentionMonths));
    setAudit(trail.entries);
  }, [api]);
  useEffect(() => {
    if (isAdmin(me)) load().catch((e: unknown) => setNotice({ text: errorText(e), intent: 'error' }));
  }, [load, me]);

  if (!isAdmin(me)) return <ErrorMessage message={t('reach.onlyAdmin')} />;
  const saveRetention = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    try {
      await api.send('PUT', '/privacy/settings', { retentionMonths: Number(months) });
      setNotice({ text: t('privacy.saved', { months }), intent: 'success' });
    } catch (e) {
      setNotice({ text: errorText(e), intent: 'error' });
    }
  };
  const exportPerson = async (): Promise<void> => {
    try {
      const name = await api.download('GET', `/privacy/people/${person.trim()}/export`);
      setNotice({ text: t('privacy.exported', { file: name }), intent: 'success' });
      await load();
    } catch (e) {
      setNotice({ text: errorText(e), intent: 'error' });
    }
  };
  const erase = async (): Promise<void> => {
    setConfirming(false);
    try {
      const result = await api.send<{ erased: Record<string, number> }>(
        'POST',
        `/privacy/people/${person.trim()}/erase`,
        {},
      );
      setNotice({ text: t('privacy.erased', result.erased), intent: 'success' });
      await load();
    } catch (e) {
      setNotice({ text: errorText(e), intent: 'error' });
    }
  };
  const valid = UUID.test(person.trim());
  return (
    <>
      <PageHeader title={t('privacy.title')} intro={t('privacy.intro')} />
      <NoticeBar notice={notice} />
      <SectionTitle id="retention">{t('privacy.retention')}</SectionTitle>
      <form className={styles.form} onSubmit={(e) => void saveRetention(e)} aria-labelledby="retention">
        <Field label={t('privacy.months')} hint={t('privacy.monthsHint')}>
          <Input type="number" min={1} max={120} value={months} onChange={(_, d) => setMonths(d.value)} />
        </Field>
        <Button type="submit">{t('privacy.save')}</Button>
      </form>
      <SectionTitle id="person">{t('privacy.person')}</SectionTitle>
      <div className={styles.form} role="group" aria-labelledby="person">
        <Field
          label={t('privacy.personId')}
          hint={t('privacy.personHint')}
          validationMessage={person && !valid ? t('privacy.invalidId') : undefined}
        >
          <Input className={styles.id} value={person} onChange={(_, d) => setPerson(d.value)} />
        </Field>
        <Button disabled={!valid} onClick={() => void exportPerson()}>
          {t('privacy.export')}
        </Button>
        {!confirming ? (
          <Button disabled={!valid} onClick={() => setConfirming(true)}>
            {t('privacy.erase')}
          </Button>
        ) : (
          <>
            <Text>{t('privacy.confirm')}</Text>
            <Button appearance="primary" onClick={() => void erase()}>
              {t('privacy.confirmErase')}
            </Button>
            <Button onClick={() => setConfirming(false)}>{t('privacy.cancel')}</Button>
          </>
        )}
      </div>
      <SectionTitle id="audit">{t('privacy.audit')}</SectionTitle>
      {audit.length === 0 && <Text>{t('privacy.noAudit')}</Text>}
      <ul aria-labelledby="audit">
        {audit.map((e) => (
          <li key={e.at + e.action + (e.subjectId ?? '')}>
            {t('privacy.entry', {
              at: formatDateTime(e.at, language),
              action: t(`privacy.actions.${e.action}`),
              actor: e.actor.displayName,
              subject: e.subjectId ?? '—',
              counts: Object.entries(e.counts)
                .map(([k, v]) => `${t(`privacy.counted.${k}`, { defaultValue: k })}: ${v}`)
                .join(', '),
            })}
          </li>
        ))}
      </ul>
    </>
  );
}
