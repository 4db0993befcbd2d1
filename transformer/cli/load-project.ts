import ts from "typescript";
import { findConfigFile, loadProject, type LoadedProject } from "../prebuild/project";
import { UsageError } from "./command";

/** The project `given` names, or the one whose tsconfig.json is nearest above `searchFrom`. */
export function loadProjectFor(given: string | undefined, searchFrom: string): LoadedProject {
  const configFile = findConfigFile(ts, given, searchFrom);
  if (configFile === undefined) {
    throw new UsageError(given === undefined ? `no tsconfig.json found in or above '${searchFrom}'; name one with --project` : `'${given}' is not a tsconfig.json or a directory holding one`);
  }
  return loadProject(ts, configFile);
}
