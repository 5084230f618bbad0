// Node 20 loads a --test-reporter module before --import hooks apply, so this plain module loads
// the TypeScript reporter (scripts/test-reporter.ts) through tsx itself.
import { tsImport } from "tsx/esm/api";

const { default: reporter } = await tsImport("./test-reporter.ts", import.meta.url);
export default reporter;
