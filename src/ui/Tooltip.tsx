/**
 * A floating box near the pointer, kept inside its positioned parent. Content is React
 * children (text), never HTML strings.
 */
import type { ReactNode } from 'react';

export interface TooltipProps {
  /** Pointer position relative to the positioned parent, CSS px. */
  x: number;
  y: number;
  /** Parent size, to flip the box to the other side near the edges. */
  width: number;
  height: number;
  children: ReactNode;
  testId?: string;
}

export function Tooltip({ x, y, width, height, children, testId }: TooltipProps) {
  const left = x > width * 0.6;
  const up = y > height * 0.6;
  return (
    <div
      className="ui-tooltip"
      role="status"
      data-testid={testId}
      style={{
        left: left ? undefined : x + 14,
        right: left ? width - x + 14 : undefined,
        top: up ? undefined : y + 14,
        bottom: up ? height - y + 14 : undefined,
      }}
    >
      {children}
    </div>
  );
}
