import {
  Badge,
  Button,
  Card,
  CardHeader,
  Checkbox,
  Field,
  Input,
  Select,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError, type ToolboxItem } from '../../api/client.js';
import { isAdmin, useSession } from '../../app/session.js';
import { ErrorMessage, Markdown, PageHeader, RouterFluentLink, SectionTitle } from '../../app/ui.js';
import { formatDate } from '../../i18n/index.js';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))',
    gap: tokens.spacingHorizontalM,
    padding: 0,
    listStyleType: 'none',
  },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '720px' },
  row: { display: 'flex', gap: tokens.spacingHorizontalS },
  meta: { color: tokens.colorNeutralForeground2 },
});

interface Draft {
  kind: 'example' | 'page';
  title: string;
  summary: string;
  body: string;
  regionWide: boolean;
}

function Editor({
  initial,
  onSave,
  onCancel,
  allowRegion,
}: {
  initial: Draft;
  onSave: (d: Draft) => Promise<void>;
  onCancel: () => void;
  allowRegion: boolean;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setError('');
    onSave(draft).catch((e: unknown) =>
      setError(e instanceof ApiError ? [e.message, ...e.details].join(' ') : String(e)),
    );
  };
  return (
    <form className={styles.form} onSubmit={submit}>
      <Field label={t('examples.kind')}>
        <Select
          value={draft.kind}
          onChange={(_, d) => setDraft({ ...draft, kind: d.value as Draft['kind'] })}
        >
          <option value="example">{t('examples.example')}</option>
          <option value="page">{t('examples.page')}</option>
        </Select>
      </Field>
      <Field label={t('examples.itemTitle')} required>
        <Input value={draft.title} onChange={(_, d) => setDraft({ ...draft, title: d.value })} />
      </Field>
      <Field label={t('examples.summary')}>
        <Input value={draft.summary} onChange={(_, d) => setDraft({ ...draft, summary: d.value })} />
      </Field>
      <Field label={t('examples.body')} required>
        <Textarea rows={10} value={draft.body} onChange={(_, d) => setDraft({ ...draft, body: d.value })} />
      </Field>
      {allowRegion && (
        <Checkbox
          label={t('examples.regionWide')}
          checked={draft.regionWide}
          onChange={(_, d) => setDraft({ ...draft, regionWide: d.checked === true })}
        />
      )}
      {error && <ErrorMessage message={error} />}
      <div className={styles.row}>
        <Button appearance="primary" type="submit">
          {t('examples.save')}
        </Button>
        <Button onClick={onCancel}>{t('examples.cancel')}</Button>
      </div>
    </form>
  );
}

export function ExamplesPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { api, me, items, reloadItems } = useSession();
  const [adding, setAdding] = useState(false);
  const create = async (draft: Draft): Promise<void> => {
    const item = await api.send<ToolboxItem>('POST', '/toolbox-items', draft);
    await reloadItems();
    setAdding(false);
    void navigate(`/examples/${item.id}`);
  };
  return (
    <>
      <PageHeader title={t('examples.title')} intro={t('examples.intro')}>
        {isAdmin(me) && !adding && (
          <div>
            <Button appearance="primary" onClick={() => setAdding(true)}>
              {t('examples.add')}
            </Button>
          </div>
        )}
      </PageHeader>
      {adding && (
        <Editor
          initial={{ kind: 'example', title: '', summary: '', body: '', regionWide: false }}
          onSave={create}
          onCancel={() => setAdding(false)}
          allowRegion
        />
      )}
      {items.length === 0 && <Text>{t('examples.none')}</Text>}
      <ul className={styles.list}>
        {items.map((item) => (
          <li key={item.id}>
            <Card>
              <CardHeader
                header={<RouterFluentLink to={`/examples/${item.id}`}>{item.title}</RouterFluentLink>}
                description={
                  <Text>
                    <Badge appearance="tint">{t(`examples.${item.kind}`)}</Badge>{' '}
                    <Badge appearance="outline">
                      {item.regionWide ? t('examples.region') : t('examples.own')}
                    </Badge>
                  </Text>
                }
              />
              <Text>{item.summary}</Text>
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}

export function ExamplePage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { id } = useParams();
  const { api, me, language, reloadItems } = useSession();
  const [item, setItem] = useState<{ value: ToolboxItem; etag: string } | undefined>();
  const [versions, setVersions] = useState<ToolboxItem[]>([]);
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');

  useEffect(() => {
    if (!id) return;
    Promise.all([
      api.getWithEtag<ToolboxItem>(`/toolbox-items/${id}`),
      api.get<{ versions: ToolboxItem[] }>(`/toolbox-items/${id}/versions`),
    ]).then(
      ([i, v]) => {
        setItem(i);
        setVersions(v.versions);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [api, id]);

  if (error) return <ErrorMessage message={error} />;
  if (!item) return null;
  const canEdit = isAdmin(me) && item.value.municipalityId === me.municipality.id;
  const save = async (draft: Draft): Promise<void> => {
    const saved = await api.send<ToolboxItem>(
      'PUT',
      `/toolbox-items/${item.value.id}`,
      { ...item.value, ...draft },
      { 'if-match': item.etag },
    );
    const fresh = await api.getWithEtag<ToolboxItem>(`/toolbox-items/${saved.id}`);
    setItem(fresh);
    setVersions((await api.get<{ versions: ToolboxItem[] }>(`/toolbox-items/${saved.id}/versions`)).versions);
    setEditing(false);
    setStatus(t('examples.saved', { version: saved.version }));
    await reloadItems();
  };
  const v = item.value;
  return (
    <>
      <PageHeader title={v.title} intro={v.summary}>
        <Text className={styles.meta}>
          {t('examples.updated', {
            version: v.version,
            date: formatDate(v.updatedAt, language),
            name: v.updatedBy.displayName,
          })}
        </Text>
        {canEdit && !editing && (
          <div>
            <Button onClick={() => setEditing(true)}>{t('examples.edit')}</Button>
          </div>
        )}
      </PageHeader>
      <div role="status" aria-live="polite">
        {status && <Text>{status}</Text>}
      </div>
      {editing ? (
        <Editor
          initial={{
            kind: v.kind,
            title: v.title,
            summary: v.summary,
            body: v.body,
            regionWide: v.regionWide,
          }}
          onSave={save}
          onCancel={() => setEditing(false)}
          allowRegion={false}
        />
      ) : (
        <Markdown source={v.body} />
      )}
      <SectionTitle>{t('examples.history')}</SectionTitle>
      <ul>
        {versions.map((x) => (
          <li key={x.version}>
            {t('examples.updated', {
              version: x.version,
              date: formatDate(x.updatedAt, language),
              name: x.updatedBy.displayName,
            })}
          </li>
        ))}
      </ul>
    </>
  );
}
