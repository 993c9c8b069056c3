/** Presentations of domain things that several pages show the same way. */
import { Badge, Card, CardHeader, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { TenderSummary } from '../api/client.js';
import { formatDate, formatEuro, type Language } from '../i18n/index.js';

const useStyles = makeStyles({
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

/** Type and ambition level of a criterion, and optionally its themes. */
export function CriterionBadges({
  type,
  ambition,
  themeNames = [],
}: {
  type: string;
  ambition: string;
  themeNames?: string[];
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  return (
    <div className={styles.badges}>
      <Badge appearance="tint" color="brand">
        {t(`types.${type}`)}
      </Badge>
      <Badge appearance="tint" color="informative">
        {t(`ambitions.${ambition}`)}
      </Badge>
      {themeNames.map((name) => (
        <Badge key={name} appearance="outline" color="subtle">
          {name}
        </Badge>
      ))}
    </div>
  );
}

/**
 * A tender in a list. Once its kickoff has come, it says whether the project recorded its MVI
 * (what monitoring counts), so a missing record is seen where the tender is.
 */
export function TenderCard({ tender, language }: { tender: TenderSummary; language: Language }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const started =
    tender.kickoffDate <= new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
  return (
    <Card>
      <CardHeader header={<Text weight="semibold">{`${tender.reference} · ${tender.title}`}</Text>} />
      <Text>{t('home.kickoff', { date: formatDate(tender.kickoffDate, language) })}</Text>
      {tender.estimatedValueEur !== undefined && (
        <Text>{t('home.value', { value: formatEuro(tender.estimatedValueEur) })}</Text>
      )}
      {(tender.mvi || started) && (
        <div className={styles.badges}>
          {tender.mvi ? (
            <Badge appearance="tint" color="success">
              {t('tenders.mvi.recordedBadge', { count: tender.mvi.appliedCriteria.length })}
            </Badge>
          ) : (
            <Badge appearance="tint" color="warning">
              {t('tenders.mvi.missingBadge')}
            </Badge>
          )}
        </div>
      )}
    </Card>
  );
}
