package io.recpipe.converter.parse;

/**
 * One Guacamole protocol instruction as read from a recording.
 *
 * @param opcode the first element
 * @param args the remaining elements
 * @param offset the byte offset in the file where the instruction starts
 */
public record Instruction(String opcode, String[] args, long offset) {

  public int intArg(int index) {
    return Integer.parseInt(args[index]);
  }

  public long longArg(int index) {
    return Long.parseLong(args[index]);
  }

  public int argCount() {
    return args.length;
  }
}
