/**
 * The fair's file, bundled into the seed function at synth (esbuild's alias points this name at the
 * file the stack was synthesized for). The seed checks it again before writing anything.
 */
declare module 'rawaq-fair-file' {
  const fair: unknown;
  export default fair;
}
