/** Small building blocks shared by the pages. */
import { MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo, type ReactNode } from 'react';
import { Link as RouterLink, type LinkProps } from 'react-router';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    marginBottom: tokens.spacingVerticalL,
  },
  markdown: {
    lineHeight: tokens.lineHeightBase400,
    '& a': { color: tokens.colorBrandForegroundLink },
    '& h2, & h3': { marginTop: tokens.spacingVerticalL },
  },
});

const useTableStyles = makeStyles({
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    '& th, & td': {
      textAlign: 'left',
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      verticalAlign: 'top',
    },
    '& td.n, & th.n': { textAlign: 'right' },
    '& caption': {
      textAlign: 'left',
      fontWeight: tokens.fontWeightSemibold,
      padding: `${tokens.spacingVerticalS} 0`,
    },
  },
});

/** The class of every data table in the tab (numbers in cells of class `n` align right). */
export function useTableClass(): string {
  return useTableStyles().table;
}

export function PageHeader({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: string;
  children?: ReactNode;
}) {
  const styles = useStyles();
  return (
    <div className={styles.header}>
      <Text as="h1" size={800} weight="semibold">
        {title}
      </Text>
      {intro && <Text as="p">{intro}</Text>}
      {children}
    </div>
  );
}

export function SectionTitle({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <Text as="h2" id={id} size={600} weight="semibold" block style={{ marginTop: tokens.spacingVerticalXL }}>
      {children}
    </Text>
  );
}

/** Markdown written by the MVI team, rendered and sanitised (no scripts, no event handlers). */
export function Markdown({ source }: { source: string }) {
  const styles = useStyles();
  const html = useMemo(() => DOMPurify.sanitize(marked.parse(source, { async: false })), [source]);
  return <div className={styles.markdown} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** A router link in the Fluent link colour. */
export function RouterFluentLink({ to, children, ...rest }: LinkProps) {
  return (
    <RouterLink to={to} {...rest} style={{ color: tokens.colorBrandForegroundLink }}>
      {children}
    </RouterLink>
  );
}

export function Loading({ label }: { label: string }) {
  return <Spinner label={label} />;
}

export function ErrorMessage({ message }: { message: string }) {
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>{message}</MessageBarBody>
    </MessageBar>
  );
}
