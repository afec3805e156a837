import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatNumber, isRtl, t } from './i18n';

/**
 * Charts by hour of the fair day, drawn with uPlot (small and fast on phones). In Arabic the hour axis
 * runs right to left and the value axis sits on the right, as the rest of the page does.
 */
export interface ChartSeries {
  label: string;
  /** Name the lines under the chart (a key) when this one is drawn. */
  keyed?: boolean;
  values: (number | null)[];
  color: string;
  bars?: boolean;
  dashed?: boolean;
}

function hourLabel(hour: number): string {
  return t('hourLabel', { hour: formatNumber(hour, { minimumIntegerDigits: 2 }) });
}

/** The value axis counts people, visits and scans: its lines fall on whole numbers (1, 2, 5, 10, 20 ...). */
const WHOLE_STEPS = Array.from({ length: 8 }, (_, power) => [1, 2, 5].map((step) => step * 10 ** power)).flat();

export class HourChart {
  private plot: uPlot | undefined;
  private lastKey = '';

  private printing = false;

  constructor(
    private readonly target: HTMLElement,
    private readonly height = 220,
    /**
     * The width to draw at on paper. A chart is drawn in pixels for the screen, and nothing resizes it
     * while the page is laid out for printing: a screen-wide chart on narrower paper runs off its edge
     * (in Arabic, the evening's hours). Printing redraws it at this width first, and back after.
     */
    private readonly printWidth?: number,
  ) {
    const resize = () => this.plot?.setSize({ width: this.width(), height: this.height });
    new ResizeObserver(resize).observe(target);
    if (printWidth) {
      matchMedia('print').addEventListener('change', resize);
      addEventListener('beforeprint', () => {
        this.printing = true;
        resize();
      });
      addEventListener('afterprint', () => {
        this.printing = false;
        resize();
      });
    }
  }

  private width(): number {
    if (this.printWidth && (this.printing || matchMedia('print').matches)) return this.printWidth;
    return Math.max(260, this.target.clientWidth);
  }

  update(hours: number[], series: ChartSeries[]): void {
    const key = `${isRtl()}|${series.map((s) => `${s.label}${s.bars}`).join('|')}`;
    const data: uPlot.AlignedData = [hours, ...series.map((s) => s.values)];
    if (this.plot && key === this.lastKey) {
      this.plot.setData(data);
      return;
    }
    this.plot?.destroy();
    this.lastKey = key;
    const rtl = isRtl();
    this.plot = new uPlot(
      {
        width: this.width(),
        height: this.height,
        scales: { x: { time: false, dir: rtl ? -1 : 1 }, y: { range: (_u, _min, max) => [0, Math.max(5, max * 1.1)] } },
        // The card's title says what the line is and the capacity is the dashed line above it; a line
        // that needs naming (the paper tallies', today's expected) brings the key with it.
        legend: { show: series.some((s) => s.keyed), live: false },
        cursor: { drag: { x: false, y: false } },
        axes: [
          { values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? hourLabel(v) : '')) },
          {
            side: rtl ? 1 : 3,
            incrs: WHOLE_STEPS,
            values: (_u, splits) => {
              // Where the lines fall, for a test to read (the axis is drawn on a canvas).
              this.target.dataset.valueTicks = splits.join(' ');
              return splits.map((v) => formatNumber(v));
            },
            size: 56,
          },
        ],
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 2,
            ...(s.dashed ? { dash: [6, 6] } : {}),
            ...(s.bars
              ? { fill: `${s.color}cc`, paths: uPlot.paths.bars?.({ size: [0.7, 60] }), points: { show: false } }
              : s.dashed
                ? { points: { show: false } }
                : { fill: `${s.color}22` }),
          })),
        ],
      },
      data,
      this.target,
    );
  }
}
