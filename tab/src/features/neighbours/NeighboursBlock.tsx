/**
 * The neighbours' block of an advice in the tab: what the region did in similar tenders, one
 * click to put the region's most used criteria in a selection for the .docx, and a Teams chat
 * with a contact person the neighbours share.
 */
import { Button, Card, Checkbox, Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NeighboursBlock as Block } from '../../../../core/src/neighbours/view.js';
import { isAdmin, useSession } from '../../app/session.js';
import { ErrorMessage, RouterFluentLink } from '../../app/ui.js';

const useStyles = makeStyles({
  card: { marginTop: tokens.spacingVerticalL, maxWidth: '900px' },
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    paddingLeft: tokens.spacingHorizontalXL,
    margin: 0,
  },
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
});

export function NeighboursBlock({ block }: { block: Block }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { api, me } = useSession();
  const [selected, setSelected] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const titleOf = new Map(block.topCriteria.map((c) => [c.id, c.title]));
  const take = (): void => {
    const next = [...new Set([...selected, ...block.topCriteria.map((c) => c.id)])];
    setSelected(next);
    setStatus(t('neighbours.taken', { count: next.length }));
  };
  const download = async (): Promise<void> => {
    setError('');
    try {
      const file = await api.download('POST', '/exports/criteria', {
        subject: t('neighbours.subject', { group: block.productGroupName }),
        criterionIds: selected,
        format: 'docx',
      });
      setStatus(t('neighbours.downloaded', { file }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const contacts = new Map(
    block.examples
      .filter((e) => e.contact?.chatUrl)
      .map((e) => [e.contact!.chatUrl!, e.contact!.displayName]),
  );
  return (
    <section aria-labelledby="neighbours-title">
      <Card className={styles.card}>
        <Text as="h2" id="neighbours-title" size={600} weight="semibold">
          {t('neighbours.title')}
        </Text>
        <Text as="p">{block.sentence}</Text>
        {block.reciprocity && (
          <Text as="p" size={200}>
            {block.reciprocity}{' '}
            {isAdmin(me) && <RouterFluentLink to="/neighbours">{t('neighbours.change')}</RouterFluentLink>}
          </Text>
        )}
        {block.topCriteria.length > 0 && (
          <>
            <Text as="h3" id="neighbours-used" weight="semibold">
              {t('neighbours.used')}
            </Text>
            <ol className={styles.list} aria-labelledby="neighbours-used">
              {block.topCriteria.map((c) => (
                <li key={c.id}>
                  {c.title} — {t('neighbours.usedBy', { count: c.tenders, total: block.tenders })}
                </li>
              ))}
            </ol>
          </>
        )}
        {block.examples.length > 0 && (
          <>
            <Text as="h3" id="neighbours-shared" weight="semibold">
              {t('neighbours.shared')}
            </Text>
            <ul className={styles.list} aria-labelledby="neighbours-shared">
              {block.examples.map((e) => (
                <li key={`${e.municipalityName}-${e.title}-${e.year}`}>
                  {e.title} · {e.municipalityName} · {e.year}
                  {e.contact && ` · ${e.contact.displayName}`}
                </li>
              ))}
            </ul>
            {contacts.size > 0 && (
              <div className={styles.bar}>
                {[...contacts].map(([url, name]) => (
                  <Link key={url} href={url} target="_blank" rel="noopener noreferrer">
                    {t('neighbours.chat', { name })}
                  </Link>
                ))}
              </div>
            )}
          </>
        )}
        {block.topCriteria.length > 0 && (
          <div className={styles.bar}>
            <Button appearance="primary" onClick={take}>
              {t('neighbours.take', { count: block.topCriteria.length })}
            </Button>
          </div>
        )}
        {selected.length > 0 && (
          <div role="group" aria-label={t('neighbours.selection', { count: selected.length })}>
            <Text weight="semibold" block>
              {t('neighbours.selection', { count: selected.length })}
            </Text>
            {selected.map((id) => (
              <Checkbox
                key={id}
                checked
                label={titleOf.get(id) ?? id}
                onChange={() => setSelected(selected.filter((x) => x !== id))}
              />
            ))}
            <div className={styles.bar}>
              <Button onClick={() => void download()}>{t('neighbours.download')}</Button>
            </div>
          </div>
        )}
        <div role="status" aria-live="polite">
          {status && <Text>{status}</Text>}
        </div>
        {error && <ErrorMessage message={error} />}
      </Card>
    </section>
  );
}
