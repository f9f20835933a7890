// Edge: SVG text → PNG bytes. Fonts come from the dejavu-fonts-ttf npm package: resvg draws no
// text without font files, and a user's machine (or CI image) may have no system fonts at all.
import { createRequire } from 'node:module';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

function fontFiles(): string[] {
  const pkg = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json');
  return FONT_FILES.map((f) => path.join(path.dirname(pkg), 'ttf', f));
}

/** `scale` 2 keeps text crisp on high-density screens and projectors. */
export function svgToPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: {
      loadSystemFonts: false,
      fontFiles: fontFiles(),
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  });
  return resvg.render().asPng();
}
