/**
 * The MVI team's choice of what the municipality shares with the region (none, counts, or
 * details with a contact person), with the reciprocity rule stated.
 */
import {
  Button,
  Field,
  Input,
  Radio,
  RadioGroup,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SharingLevel } from '../../../../core/src/neighbours/neighbours.js';
import { isAdmin, useSession } from '../../app/session.js';
import { ErrorMessage, PageHeader } from '../../app/ui.js';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    maxWidth: '640px',
  },
  rule: {
    padding: tokens.spacingHorizontalM,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
});

interface SharingView {
  level: SharingLevel;
  contact: { displayName: string; upn?: string } | null;
  isDefault: boolean;
}

export default function SharingPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { api, me } = useSession();
  const [view, setView] = useState<SharingView>();
  const [level, setLevel] = useState<SharingLevel>('counts');
  const [name, setName] = useState('');
  const [upn, setUpn] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');

  useEffect(() => {
    // A response that arrives after the effect was cleaned up (a remount) must not undo the user's choice.
    let current = true;
    api.get<SharingView>('/neighbours/sharing').then(
      (v) => {
        if (!current) return;
        setView(v);
        setLevel(v.level);
        setName(v.contact?.displayName ?? '');
        setUpn(v.contact?.upn ?? '');
      },
      (e: unknown) => current && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      current = false;
    };
  }, [api]);

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError('');
    setStatus('');
    try {
      const contact =
        level === 'details' && (name.trim() || upn.trim()) ? { displayName: name, upn } : undefined;
      const saved = await api.send<SharingView>('PUT', '/neighbours/sharing', {
        level,
        ...(contact ? { contact } : {}),
      });
      setView(saved);
      setStatus(t('neighbours.saved', { level: t(`neighbours.levels.${saved.level}`) }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <>
      <PageHeader title={t('neighbours.settingsTitle')} intro={t('neighbours.settingsIntro')} />
      <Text as="p" className={styles.rule}>
        {t('neighbours.reciprocity')}
      </Text>
      {!isAdmin(me) && <Text as="p">{t('neighbours.onlyAdmin')}</Text>}
      {view?.isDefault && <Text as="p">{t('neighbours.isDefault')}</Text>}
      {view && isAdmin(me) && (
        <form className={styles.form} onSubmit={(e) => void save(e)}>
          <Field label={t('neighbours.level')}>
            <RadioGroup value={level} onChange={(_, d) => setLevel(d.value as SharingLevel)}>
              {(['none', 'counts', 'details'] as const).map((l) => (
                <Radio key={l} value={l} label={t(`neighbours.levels.${l}`)} />
              ))}
            </RadioGroup>
          </Field>
          {level === 'details' && (
            <>
              <Field label={t('neighbours.contactName')} hint={t('neighbours.contactHint')}>
                <Input value={name} onChange={(_, d) => setName(d.value)} />
              </Field>
              <Field label={t('neighbours.contactUpn')}>
                <Input type="email" value={upn} onChange={(_, d) => setUpn(d.value)} />
              </Field>
            </>
          )}
          <div>
            <Button appearance="primary" type="submit">
              {t('neighbours.save')}
            </Button>
          </div>
        </form>
      )}
      <div role="status" aria-live="polite">
        {status && <Text>{status}</Text>}
      </div>
      {error && <ErrorMessage message={error} />}
    </>
  );
}
