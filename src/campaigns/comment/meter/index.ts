// The uniqueness meter (README.md): how much of a draft is the member's own.
export {
  clearMeterIndexes,
  type Meter,
  meterFor,
  OWN_SHARE_TARGET,
  type SharedPassage,
} from "./meter.service.js";
