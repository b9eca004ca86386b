/**
 * Linux statfs f_type values of kernel file systems that hold no documents: their "plain files"
 * report a size of 0 or 4096 and are made up as they are read (/proc/self/pagemap never ends),
 * and `mkdir -p` spins on some of them for good. One table for the reader of outside files and
 * for the folders Folio writes into.
 */
export const VIRTUAL_FILE_SYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x1cd1, 'devpts'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x6165676c, 'pstore'],
  [0xcafe4a11, 'bpf'],
  [0x62656570, 'configfs'],
  [0x65735543, 'fusectl'],
  [0xde5e81e4, 'efivarfs'],
  [0x42494e4d, 'binfmt_misc'],
  [0x19800202, 'mqueue'],
  [0x6e736673, 'nsfs'],
  [0xf97cff8c, 'selinuxfs'],
  [0x67596969, 'rpc_pipefs'],
  [0x6e667364, 'nfsd'],
]);
