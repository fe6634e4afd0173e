import { ROLES, roleColor, vizColor, vizDash, type VizRole } from '@/components/viz/palette';
import paletteStyles from '@/components/viz/palette.module.css';
import { THUMB_HEIGHT, THUMB_WIDTH } from './types';
import styles from './lecture.module.css';

export interface ThumbnailProps {
  /** SVG paths (viewBox 0 0 160 90), one per series, from the scene's build-time result. */
  paths: readonly string[];
  /** What each path is, for the accessible name. */
  labels: readonly string[];
  /** The scene's title. */
  title: string;
}

/** The role a result series plays, from its name ('cost/bcEqualLabels' → bc), so BC is vermillion here too. */
export function seriesRole(name: string): VizRole | null {
  const n = name.toLowerCase();
  for (const role of ['expert', 'dagger', 'dart', 'bc'] as const)
    if (n.split(/[/.]/).some((part) => part.startsWith(role))) return role;
  return null;
}

/** A scene's thumbnail: its build-time result as a static sparkline drawing (no chart library, no worker). */
export function Thumbnail({ paths, labels, title }: ThumbnailProps) {
  return (
    <svg
      className={`${paletteStyles.palette} ${styles.thumb}`}
      viewBox={`0 0 ${THUMB_WIDTH} ${THUMB_HEIGHT}`}
      role="img"
      aria-label={`Thumbnail of “${title}”: ${labels.join(', ')}`}
      data-thumbnail=""
    >
      <rect x="0.5" y="0.5" width={THUMB_WIDTH - 1} height={THUMB_HEIGHT - 1} className={styles.thumbFrame} />
      {paths.map((d, i) => {
        const role = seriesRole(labels[i] ?? '');
        return d ? (
          <path
            key={i}
            d={d}
            fill="none"
            stroke={role ? roleColor(role) : vizColor(i)}
            strokeWidth={2}
            strokeDasharray={(role ? ROLES[role].dash : vizDash(i)) || undefined}
            strokeLinejoin="round"
            vectorEffect="non-scaling-stroke"
          />
        ) : null;
      })}
    </svg>
  );
}
