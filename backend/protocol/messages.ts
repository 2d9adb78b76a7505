// Protobuf encoding of the plugin protocol with protobufjs, from the .proto files in this directory.
// int64 fields decode as decimal strings (never lossy JS numbers), bytes as Buffers, absent fields as defaults.
import Long from 'long';
import * as protobuf from 'protobufjs';

import { embeddedAssets } from '../assets/embedded';

// protobufjs looks `long` up with a dynamic require that a bundle cannot see: hand it over explicitly.
protobuf.util.Long = Long;
protobuf.configure();

const DECODE_OPTIONS: protobuf.IConversionOptions = { longs: String, bytes: Buffer, defaults: true, enums: String };

let root: protobuf.Root | undefined;

export function protocolRoot(): protobuf.Root {
  if (!root) {
    const r = new protobuf.Root();
    for (const source of Object.values(embeddedAssets().protos)) {
      protobuf.parse(source, r, { keepCase: true });
    }
    r.resolveAll();
    root = r;
  }
  return root;
}

export interface MessageCodec<T> {
  encode(value: T): Buffer;
  decode(bytes: Buffer): T;
}

export function messageCodec<T>(fullName: string): MessageCodec<T> {
  const type = protocolRoot().lookupType(fullName);
  return {
    encode(value: T): Buffer {
      const message = type.fromObject(value as Record<string, unknown>);
      return Buffer.from(type.encode(message).finish());
    },
    decode(bytes: Buffer): T {
      return type.toObject(type.decode(bytes), DECODE_OPTIONS) as T;
    },
  };
}
