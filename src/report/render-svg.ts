// Edge: vega-lite spec → SVG text. The headless 'none' renderer needs no canvas package.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export async function specToSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
