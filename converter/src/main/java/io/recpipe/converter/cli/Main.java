package io.recpipe.converter.cli;

import java.util.Arrays;

/**
 * The executable jar's entry point: {@code java -jar converter-<version>.jar convert IN.guac
 * OUT.mp4 [options]} (see {@link ConvertCommand}).
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    if (args.length > 0 && args[0].equals("convert")) {
      return ConvertCommand.run(Arrays.copyOfRange(args, 1, args.length), System.err);
    }
    System.err.println(
        args.length == 0
            ? "converter: a command is required"
            : "converter: unknown command " + args[0]);
    System.err.print(ConvertCommand.HELP);
    return args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))
        ? ConvertCommand.OK
        : ConvertCommand.USAGE;
  }
}
