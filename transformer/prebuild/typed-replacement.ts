import type * as ts from "typescript";
import type { PrintReplacement } from "../analyze";

/**
 * Prints a replacement as TypeScript that a strict `tsc` accepts. The code
 * generator writes JavaScript: untyped parameters, which `noImplicitAny`
 * refuses, and locals whose inferred types (a kernel's `bool` element, an axis
 * that is `number | number[]` in the runtime's signature) are stricter than the
 * values they hold. Its correctness is the generator's, tested on every
 * fixture; the type checker's job is the user's code around it. So each
 * parameter and local of the compiled code is declared `any`, and the site as a
 * whole keeps the original call's type through `compiledAs`.
 */
export function printTypedReplacement(tsModule: typeof ts): PrintReplacement {
  const printer = tsModule.createPrinter();
  return (replacement, sourceFile) => {
    const typed = tsModule.transform(replacement, [declareUntypedAsAny(tsModule)]);
    try {
      return printer.printNode(tsModule.EmitHint.Expression, typed.transformed[0], sourceFile);
    } finally {
      typed.dispose();
    }
  };
}

function declareUntypedAsAny(tsModule: typeof ts): ts.TransformerFactory<ts.Expression> {
  return (context) => {
    const { factory } = context;
    const anyType = () => factory.createKeywordTypeNode(tsModule.SyntaxKind.AnyKeyword);
    const visit = (node: ts.Node): ts.Node => {
      const visited = tsModule.visitEachChild(node, visit, context);
      if (tsModule.isParameter(visited) && visited.type === undefined) {
        return factory.updateParameterDeclaration(
          visited, visited.modifiers, visited.dotDotDotToken, visited.name, visited.questionToken, anyType(), visited.initializer,
        );
      }
      if (tsModule.isVariableDeclaration(visited) && visited.type === undefined) {
        return factory.updateVariableDeclaration(visited, visited.name, visited.exclamationToken, anyType(), visited.initializer);
      }
      return visited;
    };
    return (expression) => visit(expression) as ts.Expression;
  };
}
