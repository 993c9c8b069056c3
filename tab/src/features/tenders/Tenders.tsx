import {
  Button,
  Checkbox,
  Field,
  Input,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { parseAmount } from '../../../../core/src/parse.js';
import { ApiError, type TenderSummary } from '../../api/client.js';
import { TenderCard } from '../../app/domain-ui.js';
import { useSession } from '../../app/session.js';
import {
  ErrorMessage,
  Loading,
  PageHeader,
  RouterFluentLink,
  SectionTitle,
  useTableClass,
} from '../../app/ui.js';

const useStyles = makeStyles({
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: 0,
    listStyleType: 'none',
  },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    marginBottom: tokens.spacingVerticalM,
  },
  form: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))',
    gap: tokens.spacingHorizontalL,
    maxWidth: '900px',
    marginBottom: tokens.spacingVerticalL,
  },
  wide: { gridColumn: '1 / -1' },
});

interface ImportReport {
  dryRun: boolean;
  imported: boolean;
  summary: {
    rows: number;
    accepted: number;
    rejected: number;
    create: number;
    update: number;
    unchanged: number;
  };
  problems: string[];
  rows: {
    line: number;
    reference: string;
    title: string;
    status: 'accepted' | 'rejected';
    errors: string[];
    warnings: string[];
  }[];
}

const canManage = (roles: string[]): boolean => roles.includes('mvi-admin') || roles.includes('buyer');

function CreateTender({
  onCreated,
  onCancel,
}: {
  onCreated: (reference: string) => void;
  onCancel: () => void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { api } = useSession();
  // One key per form: a double click or a retry after a lost answer creates one tender.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [form, setForm] = useState({
    reference: '',
    title: '',
    description: '',
    cpv: '',
    value: '',
    manager: '',
    kickoffDate: '',
    publicationDate: '',
  });
  const [error, setError] = useState('');
  const set = (key: keyof typeof form) => (_: unknown, d: { value: string }) =>
    setForm({ ...form, [key]: d.value });
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError('');
    const value = parseAmount(form.value);
    try {
      await api.send(
        'POST',
        '/tenders',
        {
          reference: form.reference,
          title: form.title,
          ...(form.description ? { description: form.description } : {}),
          cpv: form.cpv.split(/[\s,;]+/).filter(Boolean),
          ...(value !== undefined ? { estimatedValueEur: value } : {}),
          commissioningManager: { upn: form.manager },
          kickoffDate: form.kickoffDate,
          ...(form.publicationDate ? { publicationDate: form.publicationDate } : {}),
        },
        { 'idempotency-key': idempotencyKey },
      );
      onCreated(form.reference);
    } catch (e) {
      setError(e instanceof ApiError ? [e.message, ...e.details].join(' ') : String(e));
    }
  };
  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} aria-label={t('tenders.create')}>
      <Field label={t('tenders.reference')} required>
        <Input value={form.reference} onChange={set('reference')} />
      </Field>
      <Field label={t('tenders.tenderTitle')} required>
        <Input value={form.title} onChange={set('title')} />
      </Field>
      <Field className={styles.wide} label={t('tenders.description')}>
        <Textarea value={form.description} onChange={set('description')} />
      </Field>
      <Field label={t('tenders.cpv')}>
        <Input value={form.cpv} onChange={set('cpv')} />
      </Field>
      <Field label={t('tenders.value')}>
        <Input inputMode="decimal" value={form.value} onChange={set('value')} />
      </Field>
      <Field label={t('tenders.manager')} required>
        <Input type="email" value={form.manager} onChange={set('manager')} />
      </Field>
      <Field label={t('tenders.kickoff')} required>
        <Input type="date" value={form.kickoffDate} onChange={set('kickoffDate')} />
      </Field>
      <Field label={t('tenders.publication')}>
        <Input type="date" value={form.publicationDate} onChange={set('publicationDate')} />
      </Field>
      {error && (
        <div className={styles.wide}>
          <ErrorMessage message={error} />
        </div>
      )}
      <div className={styles.toolbar}>
        <Button appearance="primary" type="submit">
          {t('tenders.save')}
        </Button>
        <Button onClick={onCancel}>{t('tenders.cancel')}</Button>
      </div>
    </form>
  );
}

function ImportPlan({ onImported }: { onImported: () => void }) {
  const styles = useStyles();
  const tableClass = useTableClass();
  const { t } = useTranslation();
  const { api } = useSession();
  const [csv, setCsv] = useState('');
  const [report, setReport] = useState<ImportReport | undefined>();
  const [error, setError] = useState('');
  const run = async (dryRun: boolean): Promise<void> => {
    setError('');
    try {
      const result = await api.sendText<ImportReport>(
        `/tenders/import${dryRun ? '?dryRun=true' : ''}`,
        csv,
        'text/csv; charset=utf-8',
      );
      setReport(result);
      if (result.imported) onImported();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <section aria-labelledby="import-title">
      <SectionTitle id="import-title">{t('tenders.import')}</SectionTitle>
      <Field label={{ children: t('tenders.importFile'), htmlFor: 'tender-import-file' }}>
        <input
          id="tender-import-file"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => void e.target.files?.[0]?.text().then(setCsv)}
        />
      </Field>
      <div className={styles.toolbar}>
        <Button disabled={!csv} onClick={() => void run(true)}>
          {t('tenders.dryRun')}
        </Button>
        <Button appearance="primary" disabled={!csv} onClick={() => void run(false)}>
          {t('tenders.doImport')}
        </Button>
      </div>
      {error && <ErrorMessage message={error} />}
      {report && (
        <div role="status" aria-live="polite">
          <Text block>{t('tenders.importSummary', report.summary)}</Text>
          {report.imported && <Text block>{t('tenders.imported')}</Text>}
          <table className={tableClass}>
            <thead>
              <tr>
                <th scope="col">{t('tenders.line')}</th>
                <th scope="col">{t('tenders.reference')}</th>
                <th scope="col">{t('tenders.tenderTitle')}</th>
                <th scope="col">{t('tenders.status')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((row) => (
                <tr key={row.line}>
                  <td>{row.line}</td>
                  <td>{row.reference}</td>
                  <td>{row.title}</td>
                  <td>
                    {row.status === 'accepted'
                      ? t('tenders.accepted')
                      : `${t('tenders.rejected')}: ${row.errors.join('; ')}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export default function TendersPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { api, me, language } = useSession();
  const manager = canManage(me.roles);
  const [mine, setMine] = useState(!manager);
  const [archived, setArchived] = useState(false);
  const [creating, setCreating] = useState(false);
  const [tenders, setTenders] = useState<TenderSummary[] | undefined>();
  const [error, setError] = useState('');

  const load = useCallback(() => {
    api.get<{ tenders: TenderSummary[] }>(`/tenders?mine=${mine}&archived=${archived}`).then(
      (r) => setTenders(r.tenders),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [api, mine, archived]);
  useEffect(load, [load]);

  return (
    <>
      <PageHeader title={t('tenders.title')} intro={t('tenders.intro')} />
      <div className={styles.toolbar}>
        {manager && (
          <Checkbox
            label={t('tenders.mine')}
            checked={mine}
            onChange={(_, d) => setMine(d.checked === true)}
          />
        )}
        <Checkbox
          label={t('tenders.archived')}
          checked={archived}
          onChange={(_, d) => setArchived(d.checked === true)}
        />
        {manager && !creating && (
          <Button appearance="primary" onClick={() => setCreating(true)}>
            {t('tenders.create')}
          </Button>
        )}
      </div>
      {creating && (
        <CreateTender
          onCreated={(reference) => void navigate(`/tenders/${encodeURIComponent(reference)}`)}
          onCancel={() => setCreating(false)}
        />
      )}
      {error && <ErrorMessage message={t('errors.loadFailed', { message: error })} />}
      {!tenders && !error && <Loading label={t('app.loading')} />}
      {tenders?.length === 0 && <Text>{t('tenders.none')}</Text>}
      <ul className={styles.list}>
        {tenders?.map((tender) => (
          <li key={tender.reference} id={tender.reference}>
            <TenderCard tender={tender} language={language} />
            <RouterFluentLink to={`/tenders/${encodeURIComponent(tender.reference)}`}>
              {t('tenders.advice')}
            </RouterFluentLink>
          </li>
        ))}
      </ul>
      {manager && <ImportPlan onImported={load} />}
    </>
  );
}
