/*
 * rust_driver_platform.asl: two platform devices for rust_driver_platform,
 * declared to the kernel through ACPI. tests/vm/buses.sh compiles it with
 * iasl and boots QEMU with -acpitable file=rust_driver_platform.aml.
 *
 * RBEF (LNUXBEEF:00) has the properties the sample reads, in its _DSD
 * (device properties, UUID daffd814-...), and a child device whose
 * test,ref-arg refers back to it with two arguments. RBAD (LNUXBEEF:01)
 * lacks test,u32-prop, which the sample requires: its probe fails.
 * RBEF also has an interrupt line, ISA IRQ 3 (free with QEMU's
 * -nodefaults), for tests/modules/rust_platform_irq, and a memory range,
 * the first 256 bytes of QEMU's HPET (at 0xfed00000, 1 KiB), for
 * tests/modules/rust_platform_mem; RBAD has neither.
 * ACPI integers are 64-bit; the i16 array holds -3 and -4 as the u16 bits
 * 0xfffd and 0xfffc, which the kernel reads into 16 bits.
 */
DefinitionBlock ("", "SSDT", 2, "KRUST", "RUSTBEEF", 0x00000001)
{
    Scope (\_SB)
    {
        Device (RBEF)
        {
            Name (_HID, "LNUXBEEF")
            Name (_UID, 0)
            Name (_STA, 0x0F)
            Name (_CRS, ResourceTemplate ()
            {
                IRQ (Edge, ActiveHigh, Exclusive) {3}
                Memory32Fixed (ReadOnly, 0xFED00000, 0x100)
            })
            Name (_DSD, Package ()
            {
                ToUUID ("daffd814-6eba-4d8c-8a91-bc9bbf4aa301"),
                Package ()
                {
                    Package () { "compatible", "test,rust-device" },
                    Package () { "test,bool-prop", 1 },
                    Package () { "test,u32-prop", 0xdeadbeef },
                    Package () { "test,i16-array", Package () { 1, 2, 0xfffd, 0xfffc } },
                }
            })

            Device (CHLD)
            {
                Name (_ADR, 0)
                Name (_DSD, Package ()
                {
                    ToUUID ("daffd814-6eba-4d8c-8a91-bc9bbf4aa301"),
                    Package ()
                    {
                        Package () { "test,ref-arg", Package () { \_SB.RBEF, 10, 20 } },
                    }
                })
            }
        }

        Device (RBAD)
        {
            Name (_HID, "LNUXBEEF")
            Name (_UID, 1)
            Name (_STA, 0x0F)
            Name (_DSD, Package ()
            {
                ToUUID ("daffd814-6eba-4d8c-8a91-bc9bbf4aa301"),
                Package ()
                {
                    Package () { "compatible", "test,rust-device" },
                }
            })
        }
    }
}
