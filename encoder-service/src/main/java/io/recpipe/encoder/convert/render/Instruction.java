package io.recpipe.encoder.convert.render;

/**
 * One Guacamole protocol instruction as read from a recording.
 *
 * @param opcode the first element
 * @param args the remaining elements
 * @param offset the byte offset in the file where the instruction starts
 */
record Instruction(String opcode, String[] args, long offset) {

  int intArg(int index) {
    return Integer.parseInt(args[index]);
  }

  long longArg(int index) {
    return Long.parseLong(args[index]);
  }

  int argCount() {
    return args.length;
  }
}
