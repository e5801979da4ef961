//! PCI vendor IDs and class codes: [`Vendor`], [`Class`] and [`ClassMask`],
//! as Linux 6.18 has them.
//!
//! The named constants are those of `include/linux/pci_ids.h` that both
//! stock kernels define, each named as in C without its prefix
//! (`PCI_VENDOR_ID_REDHAT` is `Vendor::REDHAT`); names that would begin
//! with a digit (`PCI_VENDOR_ID_3COM`) are left out.

use core::fmt;

use crate::error::{code::EINVAL, Error};

/// A PCI vendor ID, as the PCI-SIG assigns them.
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(transparent)]
pub struct Vendor(u16);

impl Vendor {
    /// The vendor of a device's raw ID.
    #[inline]
    pub(crate) fn from_raw(vendor: u16) -> Self {
        Self(vendor)
    }

    /// The 16-bit vendor ID.
    #[inline]
    pub const fn as_raw(self) -> u16 {
        self.0
    }
}

impl fmt::Debug for Vendor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{:04x}", self.0)
    }
}

impl fmt::Display for Vendor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// A PCI class code, 24 bits: base class (bits 23-16), subclass (15-8) and
/// programming interface (7-0).
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(transparent)]
pub struct Class(u32);

impl Class {
    /// The class of a device's raw class register.
    #[inline]
    pub(crate) fn from_raw(class: u32) -> Self {
        Self(class)
    }

    /// The 24-bit class code.
    #[inline]
    pub const fn as_raw(self) -> u32 {
        self.0
    }

    /// C's class constants come in 16 bits (base class and subclass) or 24:
    /// the 16-bit ones gain a programming interface of zero.
    const fn widen(code: u32) -> u32 {
        if code > 0xffff {
            code
        } else {
            code << 8
        }
    }
}

impl fmt::Debug for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{:06x}", self.0)
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// Which bits of a [`Class`] a match compares.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassMask {
    /// All 24 bits.
    Full = 0xffffff,
    /// Base class and subclass, any programming interface.
    ClassSubclass = 0xffff00,
}

impl ClassMask {
    /// The mask's bits.
    #[inline]
    pub const fn as_raw(self) -> u32 {
        self as u32
    }
}

impl TryFrom<u32> for ClassMask {
    type Error = Error;

    fn try_from(value: u32) -> Result<Self, Error> {
        match value {
            0xffffff => Ok(ClassMask::Full),
            0xffff00 => Ok(ClassMask::ClassSubclass),
            _ => Err(EINVAL),
        }
    }
}


impl Vendor {
    #[doc = "`PCI_VENDOR_ID_ABOCOM`."]
    pub const ABOCOM: Self = Self(bindings::PCI_VENDOR_ID_ABOCOM as u16);
    #[doc = "`PCI_VENDOR_ID_ACCESSIO`."]
    pub const ACCESSIO: Self = Self(bindings::PCI_VENDOR_ID_ACCESSIO as u16);
    #[doc = "`PCI_VENDOR_ID_ADAPTEC`."]
    pub const ADAPTEC: Self = Self(bindings::PCI_VENDOR_ID_ADAPTEC as u16);
    #[doc = "`PCI_VENDOR_ID_ADAPTEC2`."]
    pub const ADAPTEC2: Self = Self(bindings::PCI_VENDOR_ID_ADAPTEC2 as u16);
    #[doc = "`PCI_VENDOR_ID_ADDIDATA`."]
    pub const ADDIDATA: Self = Self(bindings::PCI_VENDOR_ID_ADDIDATA as u16);
    #[doc = "`PCI_VENDOR_ID_ADL`."]
    pub const ADL: Self = Self(bindings::PCI_VENDOR_ID_ADL as u16);
    #[doc = "`PCI_VENDOR_ID_ADLINK`."]
    pub const ADLINK: Self = Self(bindings::PCI_VENDOR_ID_ADLINK as u16);
    #[doc = "`PCI_VENDOR_ID_ADVANTECH`."]
    pub const ADVANTECH: Self = Self(bindings::PCI_VENDOR_ID_ADVANTECH as u16);
    #[doc = "`PCI_VENDOR_ID_AFAVLAB`."]
    pub const AFAVLAB: Self = Self(bindings::PCI_VENDOR_ID_AFAVLAB as u16);
    #[doc = "`PCI_VENDOR_ID_AI`."]
    pub const AI: Self = Self(bindings::PCI_VENDOR_ID_AI as u16);
    #[doc = "`PCI_VENDOR_ID_AKS`."]
    pub const AKS: Self = Self(bindings::PCI_VENDOR_ID_AKS as u16);
    #[doc = "`PCI_VENDOR_ID_AL`."]
    pub const AL: Self = Self(bindings::PCI_VENDOR_ID_AL as u16);
    #[doc = "`PCI_VENDOR_ID_ALTEON`."]
    pub const ALTEON: Self = Self(bindings::PCI_VENDOR_ID_ALTEON as u16);
    #[doc = "`PCI_VENDOR_ID_ALTERA`."]
    pub const ALTERA: Self = Self(bindings::PCI_VENDOR_ID_ALTERA as u16);
    #[doc = "`PCI_VENDOR_ID_ALTIMA`."]
    pub const ALTIMA: Self = Self(bindings::PCI_VENDOR_ID_ALTIMA as u16);
    #[doc = "`PCI_VENDOR_ID_AMAZON`."]
    pub const AMAZON: Self = Self(bindings::PCI_VENDOR_ID_AMAZON as u16);
    #[doc = "`PCI_VENDOR_ID_AMAZON_ANNAPURNA_LABS`."]
    pub const AMAZON_ANNAPURNA_LABS: Self = Self(bindings::PCI_VENDOR_ID_AMAZON_ANNAPURNA_LABS as u16);
    #[doc = "`PCI_VENDOR_ID_AMBIT`."]
    pub const AMBIT: Self = Self(bindings::PCI_VENDOR_ID_AMBIT as u16);
    #[doc = "`PCI_VENDOR_ID_AMCC`."]
    pub const AMCC: Self = Self(bindings::PCI_VENDOR_ID_AMCC as u16);
    #[doc = "`PCI_VENDOR_ID_AMD`."]
    pub const AMD: Self = Self(bindings::PCI_VENDOR_ID_AMD as u16);
    #[doc = "`PCI_VENDOR_ID_AMI`."]
    pub const AMI: Self = Self(bindings::PCI_VENDOR_ID_AMI as u16);
    #[doc = "`PCI_VENDOR_ID_AMPERE`."]
    pub const AMPERE: Self = Self(bindings::PCI_VENDOR_ID_AMPERE as u16);
    #[doc = "`PCI_VENDOR_ID_AMPLICON`."]
    pub const AMPLICON: Self = Self(bindings::PCI_VENDOR_ID_AMPLICON as u16);
    #[doc = "`PCI_VENDOR_ID_ANALOG_DEVICES`."]
    pub const ANALOG_DEVICES: Self = Self(bindings::PCI_VENDOR_ID_ANALOG_DEVICES as u16);
    #[doc = "`PCI_VENDOR_ID_ANIGMA`."]
    pub const ANIGMA: Self = Self(bindings::PCI_VENDOR_ID_ANIGMA as u16);
    #[doc = "`PCI_VENDOR_ID_APPLE`."]
    pub const APPLE: Self = Self(bindings::PCI_VENDOR_ID_APPLE as u16);
    #[doc = "`PCI_VENDOR_ID_APPLICOM`."]
    pub const APPLICOM: Self = Self(bindings::PCI_VENDOR_ID_APPLICOM as u16);
    #[doc = "`PCI_VENDOR_ID_ARECA`."]
    pub const ARECA: Self = Self(bindings::PCI_VENDOR_ID_ARECA as u16);
    #[doc = "`PCI_VENDOR_ID_ARIMA`."]
    pub const ARIMA: Self = Self(bindings::PCI_VENDOR_ID_ARIMA as u16);
    #[doc = "`PCI_VENDOR_ID_ARTOP`."]
    pub const ARTOP: Self = Self(bindings::PCI_VENDOR_ID_ARTOP as u16);
    #[doc = "`PCI_VENDOR_ID_ASIX`."]
    pub const ASIX: Self = Self(bindings::PCI_VENDOR_ID_ASIX as u16);
    #[doc = "`PCI_VENDOR_ID_ASMEDIA`."]
    pub const ASMEDIA: Self = Self(bindings::PCI_VENDOR_ID_ASMEDIA as u16);
    #[doc = "`PCI_VENDOR_ID_ASUSTEK`."]
    pub const ASUSTEK: Self = Self(bindings::PCI_VENDOR_ID_ASUSTEK as u16);
    #[doc = "`PCI_VENDOR_ID_AT`."]
    pub const AT: Self = Self(bindings::PCI_VENDOR_ID_AT as u16);
    #[doc = "`PCI_VENDOR_ID_ATHEROS`."]
    pub const ATHEROS: Self = Self(bindings::PCI_VENDOR_ID_ATHEROS as u16);
    #[doc = "`PCI_VENDOR_ID_ATI`."]
    pub const ATI: Self = Self(bindings::PCI_VENDOR_ID_ATI as u16);
    #[doc = "`PCI_VENDOR_ID_ATT`."]
    pub const ATT: Self = Self(bindings::PCI_VENDOR_ID_ATT as u16);
    #[doc = "`PCI_VENDOR_ID_ATTANSIC`."]
    pub const ATTANSIC: Self = Self(bindings::PCI_VENDOR_ID_ATTANSIC as u16);
    #[doc = "`PCI_VENDOR_ID_ATTO`."]
    pub const ATTO: Self = Self(bindings::PCI_VENDOR_ID_ATTO as u16);
    #[doc = "`PCI_VENDOR_ID_AUREAL`."]
    pub const AUREAL: Self = Self(bindings::PCI_VENDOR_ID_AUREAL as u16);
    #[doc = "`PCI_VENDOR_ID_AVM`."]
    pub const AVM: Self = Self(bindings::PCI_VENDOR_ID_AVM as u16);
    #[doc = "`PCI_VENDOR_ID_AZWAVE`."]
    pub const AZWAVE: Self = Self(bindings::PCI_VENDOR_ID_AZWAVE as u16);
    #[doc = "`PCI_VENDOR_ID_BCM_GVC`."]
    pub const BCM_GVC: Self = Self(bindings::PCI_VENDOR_ID_BCM_GVC as u16);
    #[doc = "`PCI_VENDOR_ID_BELKIN`."]
    pub const BELKIN: Self = Self(bindings::PCI_VENDOR_ID_BELKIN as u16);
    #[doc = "`PCI_VENDOR_ID_BERKOM`."]
    pub const BERKOM: Self = Self(bindings::PCI_VENDOR_ID_BERKOM as u16);
    #[doc = "`PCI_VENDOR_ID_BROADCOM`."]
    pub const BROADCOM: Self = Self(bindings::PCI_VENDOR_ID_BROADCOM as u16);
    #[doc = "`PCI_VENDOR_ID_BROCADE`."]
    pub const BROCADE: Self = Self(bindings::PCI_VENDOR_ID_BROCADE as u16);
    #[doc = "`PCI_VENDOR_ID_BROOKTREE`."]
    pub const BROOKTREE: Self = Self(bindings::PCI_VENDOR_ID_BROOKTREE as u16);
    #[doc = "`PCI_VENDOR_ID_BUSLOGIC`."]
    pub const BUSLOGIC: Self = Self(bindings::PCI_VENDOR_ID_BUSLOGIC as u16);
    #[doc = "`PCI_VENDOR_ID_CAVIUM`."]
    pub const CAVIUM: Self = Self(bindings::PCI_VENDOR_ID_CAVIUM as u16);
    #[doc = "`PCI_VENDOR_ID_CB`."]
    pub const CB: Self = Self(bindings::PCI_VENDOR_ID_CB as u16);
    #[doc = "`PCI_VENDOR_ID_CCD`."]
    pub const CCD: Self = Self(bindings::PCI_VENDOR_ID_CCD as u16);
    #[doc = "`PCI_VENDOR_ID_CDNS`."]
    pub const CDNS: Self = Self(bindings::PCI_VENDOR_ID_CDNS as u16);
    #[doc = "`PCI_VENDOR_ID_CENATEK`."]
    pub const CENATEK: Self = Self(bindings::PCI_VENDOR_ID_CENATEK as u16);
    #[doc = "`PCI_VENDOR_ID_CHELSIO`."]
    pub const CHELSIO: Self = Self(bindings::PCI_VENDOR_ID_CHELSIO as u16);
    #[doc = "`PCI_VENDOR_ID_CIRCUITCO`."]
    pub const CIRCUITCO: Self = Self(bindings::PCI_VENDOR_ID_CIRCUITCO as u16);
    #[doc = "`PCI_VENDOR_ID_CIRRUS`."]
    pub const CIRRUS: Self = Self(bindings::PCI_VENDOR_ID_CIRRUS as u16);
    #[doc = "`PCI_VENDOR_ID_CISCO`."]
    pub const CISCO: Self = Self(bindings::PCI_VENDOR_ID_CISCO as u16);
    #[doc = "`PCI_VENDOR_ID_CMD`."]
    pub const CMD: Self = Self(bindings::PCI_VENDOR_ID_CMD as u16);
    #[doc = "`PCI_VENDOR_ID_CMEDIA`."]
    pub const CMEDIA: Self = Self(bindings::PCI_VENDOR_ID_CMEDIA as u16);
    #[doc = "`PCI_VENDOR_ID_CNET`."]
    pub const CNET: Self = Self(bindings::PCI_VENDOR_ID_CNET as u16);
    #[doc = "`PCI_VENDOR_ID_COMMTECH`."]
    pub const COMMTECH: Self = Self(bindings::PCI_VENDOR_ID_COMMTECH as u16);
    #[doc = "`PCI_VENDOR_ID_COMPAQ`."]
    pub const COMPAQ: Self = Self(bindings::PCI_VENDOR_ID_COMPAQ as u16);
    #[doc = "`PCI_VENDOR_ID_COMPEX`."]
    pub const COMPEX: Self = Self(bindings::PCI_VENDOR_ID_COMPEX as u16);
    #[doc = "`PCI_VENDOR_ID_COMPEX2`."]
    pub const COMPEX2: Self = Self(bindings::PCI_VENDOR_ID_COMPEX2 as u16);
    #[doc = "`PCI_VENDOR_ID_COMPUTONE`."]
    pub const COMPUTONE: Self = Self(bindings::PCI_VENDOR_ID_COMPUTONE as u16);
    #[doc = "`PCI_VENDOR_ID_CONTAQ`."]
    pub const CONTAQ: Self = Self(bindings::PCI_VENDOR_ID_CONTAQ as u16);
    #[doc = "`PCI_VENDOR_ID_CREATIVE`."]
    pub const CREATIVE: Self = Self(bindings::PCI_VENDOR_ID_CREATIVE as u16);
    #[doc = "`PCI_VENDOR_ID_CT`."]
    pub const CT: Self = Self(bindings::PCI_VENDOR_ID_CT as u16);
    #[doc = "`PCI_VENDOR_ID_CYCLADES`."]
    pub const CYCLADES: Self = Self(bindings::PCI_VENDOR_ID_CYCLADES as u16);
    #[doc = "`PCI_VENDOR_ID_CYRIX`."]
    pub const CYRIX: Self = Self(bindings::PCI_VENDOR_ID_CYRIX as u16);
    #[doc = "`PCI_VENDOR_ID_DCI`."]
    pub const DCI: Self = Self(bindings::PCI_VENDOR_ID_DCI as u16);
    #[doc = "`PCI_VENDOR_ID_DEC`."]
    pub const DEC: Self = Self(bindings::PCI_VENDOR_ID_DEC as u16);
    #[doc = "`PCI_VENDOR_ID_DELL`."]
    pub const DELL: Self = Self(bindings::PCI_VENDOR_ID_DELL as u16);
    #[doc = "`PCI_VENDOR_ID_DFI`."]
    pub const DFI: Self = Self(bindings::PCI_VENDOR_ID_DFI as u16);
    #[doc = "`PCI_VENDOR_ID_DIGI`."]
    pub const DIGI: Self = Self(bindings::PCI_VENDOR_ID_DIGI as u16);
    #[doc = "`PCI_VENDOR_ID_DIGIGRAM`."]
    pub const DIGIGRAM: Self = Self(bindings::PCI_VENDOR_ID_DIGIGRAM as u16);
    #[doc = "`PCI_VENDOR_ID_DIGIUM`."]
    pub const DIGIUM: Self = Self(bindings::PCI_VENDOR_ID_DIGIUM as u16);
    #[doc = "`PCI_VENDOR_ID_DLINK`."]
    pub const DLINK: Self = Self(bindings::PCI_VENDOR_ID_DLINK as u16);
    #[doc = "`PCI_VENDOR_ID_DOMEX`."]
    pub const DOMEX: Self = Self(bindings::PCI_VENDOR_ID_DOMEX as u16);
    #[doc = "`PCI_VENDOR_ID_DPT`."]
    pub const DPT: Self = Self(bindings::PCI_VENDOR_ID_DPT as u16);
    #[doc = "`PCI_VENDOR_ID_DUNORD`."]
    pub const DUNORD: Self = Self(bindings::PCI_VENDOR_ID_DUNORD as u16);
    #[doc = "`PCI_VENDOR_ID_DYNALINK`."]
    pub const DYNALINK: Self = Self(bindings::PCI_VENDOR_ID_DYNALINK as u16);
    #[doc = "`PCI_VENDOR_ID_ECTIVA`."]
    pub const ECTIVA: Self = Self(bindings::PCI_VENDOR_ID_ECTIVA as u16);
    #[doc = "`PCI_VENDOR_ID_EDIMAX`."]
    pub const EDIMAX: Self = Self(bindings::PCI_VENDOR_ID_EDIMAX as u16);
    #[doc = "`PCI_VENDOR_ID_EF`."]
    pub const EF: Self = Self(bindings::PCI_VENDOR_ID_EF as u16);
    #[doc = "`PCI_VENDOR_ID_EFAR`."]
    pub const EFAR: Self = Self(bindings::PCI_VENDOR_ID_EFAR as u16);
    #[doc = "`PCI_VENDOR_ID_EICON`."]
    pub const EICON: Self = Self(bindings::PCI_VENDOR_ID_EICON as u16);
    #[doc = "`PCI_VENDOR_ID_ELECTRONICDESIGNGMBH`."]
    pub const ELECTRONICDESIGNGMBH: Self = Self(bindings::PCI_VENDOR_ID_ELECTRONICDESIGNGMBH as u16);
    #[doc = "`PCI_VENDOR_ID_ELSA`."]
    pub const ELSA: Self = Self(bindings::PCI_VENDOR_ID_ELSA as u16);
    #[doc = "`PCI_VENDOR_ID_ENE`."]
    pub const ENE: Self = Self(bindings::PCI_VENDOR_ID_ENE as u16);
    #[doc = "`PCI_VENDOR_ID_ENSONIQ`."]
    pub const ENSONIQ: Self = Self(bindings::PCI_VENDOR_ID_ENSONIQ as u16);
    #[doc = "`PCI_VENDOR_ID_ESDGMBH`."]
    pub const ESDGMBH: Self = Self(bindings::PCI_VENDOR_ID_ESDGMBH as u16);
    #[doc = "`PCI_VENDOR_ID_ESS`."]
    pub const ESS: Self = Self(bindings::PCI_VENDOR_ID_ESS as u16);
    #[doc = "`PCI_VENDOR_ID_ESSENTIAL`."]
    pub const ESSENTIAL: Self = Self(bindings::PCI_VENDOR_ID_ESSENTIAL as u16);
    #[doc = "`PCI_VENDOR_ID_EXAR`."]
    pub const EXAR: Self = Self(bindings::PCI_VENDOR_ID_EXAR as u16);
    #[doc = "`PCI_VENDOR_ID_FARSITE`."]
    pub const FARSITE: Self = Self(bindings::PCI_VENDOR_ID_FARSITE as u16);
    #[doc = "`PCI_VENDOR_ID_FD`."]
    pub const FD: Self = Self(bindings::PCI_VENDOR_ID_FD as u16);
    #[doc = "`PCI_VENDOR_ID_FORE`."]
    pub const FORE: Self = Self(bindings::PCI_VENDOR_ID_FORE as u16);
    #[doc = "`PCI_VENDOR_ID_FOXCONN`."]
    pub const FOXCONN: Self = Self(bindings::PCI_VENDOR_ID_FOXCONN as u16);
    #[doc = "`PCI_VENDOR_ID_FREESCALE`."]
    pub const FREESCALE: Self = Self(bindings::PCI_VENDOR_ID_FREESCALE as u16);
    #[doc = "`PCI_VENDOR_ID_FUJITSU_ME`."]
    pub const FUJITSU_ME: Self = Self(bindings::PCI_VENDOR_ID_FUJITSU_ME as u16);
    #[doc = "`PCI_VENDOR_ID_FUNGIBLE`."]
    pub const FUNGIBLE: Self = Self(bindings::PCI_VENDOR_ID_FUNGIBLE as u16);
    #[doc = "`PCI_VENDOR_ID_GIGABYTE`."]
    pub const GIGABYTE: Self = Self(bindings::PCI_VENDOR_ID_GIGABYTE as u16);
    #[doc = "`PCI_VENDOR_ID_GLENFLY`."]
    pub const GLENFLY: Self = Self(bindings::PCI_VENDOR_ID_GLENFLY as u16);
    #[doc = "`PCI_VENDOR_ID_GLI`."]
    pub const GLI: Self = Self(bindings::PCI_VENDOR_ID_GLI as u16);
    #[doc = "`PCI_VENDOR_ID_HINT`."]
    pub const HINT: Self = Self(bindings::PCI_VENDOR_ID_HINT as u16);
    #[doc = "`PCI_VENDOR_ID_HOLTEK`."]
    pub const HOLTEK: Self = Self(bindings::PCI_VENDOR_ID_HOLTEK as u16);
    #[doc = "`PCI_VENDOR_ID_HP`."]
    pub const HP: Self = Self(bindings::PCI_VENDOR_ID_HP as u16);
    #[doc = "`PCI_VENDOR_ID_HP_3PAR`."]
    pub const HP_3PAR: Self = Self(bindings::PCI_VENDOR_ID_HP_3PAR as u16);
    #[doc = "`PCI_VENDOR_ID_HUAWEI`."]
    pub const HUAWEI: Self = Self(bindings::PCI_VENDOR_ID_HUAWEI as u16);
    #[doc = "`PCI_VENDOR_ID_HXT`."]
    pub const HXT: Self = Self(bindings::PCI_VENDOR_ID_HXT as u16);
    #[doc = "`PCI_VENDOR_ID_HYGON`."]
    pub const HYGON: Self = Self(bindings::PCI_VENDOR_ID_HYGON as u16);
    #[doc = "`PCI_VENDOR_ID_HYPERCOPE`."]
    pub const HYPERCOPE: Self = Self(bindings::PCI_VENDOR_ID_HYPERCOPE as u16);
    #[doc = "`PCI_VENDOR_ID_IBM`."]
    pub const IBM: Self = Self(bindings::PCI_VENDOR_ID_IBM as u16);
    #[doc = "`PCI_VENDOR_ID_ICE`."]
    pub const ICE: Self = Self(bindings::PCI_VENDOR_ID_ICE as u16);
    #[doc = "`PCI_VENDOR_ID_IDT`."]
    pub const IDT: Self = Self(bindings::PCI_VENDOR_ID_IDT as u16);
    #[doc = "`PCI_VENDOR_ID_IMS`."]
    pub const IMS: Self = Self(bindings::PCI_VENDOR_ID_IMS as u16);
    #[doc = "`PCI_VENDOR_ID_INIT`."]
    pub const INIT: Self = Self(bindings::PCI_VENDOR_ID_INIT as u16);
    #[doc = "`PCI_VENDOR_ID_INTASHIELD`."]
    pub const INTASHIELD: Self = Self(bindings::PCI_VENDOR_ID_INTASHIELD as u16);
    #[doc = "`PCI_VENDOR_ID_INTEL`."]
    pub const INTEL: Self = Self(bindings::PCI_VENDOR_ID_INTEL as u16);
    #[doc = "`PCI_VENDOR_ID_INTERG`."]
    pub const INTERG: Self = Self(bindings::PCI_VENDOR_ID_INTERG as u16);
    #[doc = "`PCI_VENDOR_ID_IOMEGA`."]
    pub const IOMEGA: Self = Self(bindings::PCI_VENDOR_ID_IOMEGA as u16);
    #[doc = "`PCI_VENDOR_ID_ITE`."]
    pub const ITE: Self = Self(bindings::PCI_VENDOR_ID_ITE as u16);
    #[doc = "`PCI_VENDOR_ID_JMICRON`."]
    pub const JMICRON: Self = Self(bindings::PCI_VENDOR_ID_JMICRON as u16);
    #[doc = "`PCI_VENDOR_ID_KAWASAKI`."]
    pub const KAWASAKI: Self = Self(bindings::PCI_VENDOR_ID_KAWASAKI as u16);
    #[doc = "`PCI_VENDOR_ID_KORENIX`."]
    pub const KORENIX: Self = Self(bindings::PCI_VENDOR_ID_KORENIX as u16);
    #[doc = "`PCI_VENDOR_ID_KTI`."]
    pub const KTI: Self = Self(bindings::PCI_VENDOR_ID_KTI as u16);
    #[doc = "`PCI_VENDOR_ID_LAVA`."]
    pub const LAVA: Self = Self(bindings::PCI_VENDOR_ID_LAVA as u16);
    #[doc = "`PCI_VENDOR_ID_LENOVO`."]
    pub const LENOVO: Self = Self(bindings::PCI_VENDOR_ID_LENOVO as u16);
    #[doc = "`PCI_VENDOR_ID_LINKSYS`."]
    pub const LINKSYS: Self = Self(bindings::PCI_VENDOR_ID_LINKSYS as u16);
    #[doc = "`PCI_VENDOR_ID_LMC`."]
    pub const LMC: Self = Self(bindings::PCI_VENDOR_ID_LMC as u16);
    #[doc = "`PCI_VENDOR_ID_LOONGSON`."]
    pub const LOONGSON: Self = Self(bindings::PCI_VENDOR_ID_LOONGSON as u16);
    #[doc = "`PCI_VENDOR_ID_LSI_LOGIC`."]
    pub const LSI_LOGIC: Self = Self(bindings::PCI_VENDOR_ID_LSI_LOGIC as u16);
    #[doc = "`PCI_VENDOR_ID_MADGE`."]
    pub const MADGE: Self = Self(bindings::PCI_VENDOR_ID_MADGE as u16);
    #[doc = "`PCI_VENDOR_ID_MAINPINE`."]
    pub const MAINPINE: Self = Self(bindings::PCI_VENDOR_ID_MAINPINE as u16);
    #[doc = "`PCI_VENDOR_ID_MARVELL`."]
    pub const MARVELL: Self = Self(bindings::PCI_VENDOR_ID_MARVELL as u16);
    #[doc = "`PCI_VENDOR_ID_MARVELL_EXT`."]
    pub const MARVELL_EXT: Self = Self(bindings::PCI_VENDOR_ID_MARVELL_EXT as u16);
    #[doc = "`PCI_VENDOR_ID_MATROX`."]
    pub const MATROX: Self = Self(bindings::PCI_VENDOR_ID_MATROX as u16);
    #[doc = "`PCI_VENDOR_ID_MEDIATEK`."]
    pub const MEDIATEK: Self = Self(bindings::PCI_VENDOR_ID_MEDIATEK as u16);
    #[doc = "`PCI_VENDOR_ID_MEILHAUS`."]
    pub const MEILHAUS: Self = Self(bindings::PCI_VENDOR_ID_MEILHAUS as u16);
    #[doc = "`PCI_VENDOR_ID_MELLANOX`."]
    pub const MELLANOX: Self = Self(bindings::PCI_VENDOR_ID_MELLANOX as u16);
    #[doc = "`PCI_VENDOR_ID_MICROGATE`."]
    pub const MICROGATE: Self = Self(bindings::PCI_VENDOR_ID_MICROGATE as u16);
    #[doc = "`PCI_VENDOR_ID_MICROSEMI`."]
    pub const MICROSEMI: Self = Self(bindings::PCI_VENDOR_ID_MICROSEMI as u16);
    #[doc = "`PCI_VENDOR_ID_MICROSOFT`."]
    pub const MICROSOFT: Self = Self(bindings::PCI_VENDOR_ID_MICROSOFT as u16);
    #[doc = "`PCI_VENDOR_ID_MICRO_MEMORY`."]
    pub const MICRO_MEMORY: Self = Self(bindings::PCI_VENDOR_ID_MICRO_MEMORY as u16);
    #[doc = "`PCI_VENDOR_ID_MIRO`."]
    pub const MIRO: Self = Self(bindings::PCI_VENDOR_ID_MIRO as u16);
    #[doc = "`PCI_VENDOR_ID_MOBILITY_ELECTRONICS`."]
    pub const MOBILITY_ELECTRONICS: Self = Self(bindings::PCI_VENDOR_ID_MOBILITY_ELECTRONICS as u16);
    #[doc = "`PCI_VENDOR_ID_MORETON`."]
    pub const MORETON: Self = Self(bindings::PCI_VENDOR_ID_MORETON as u16);
    #[doc = "`PCI_VENDOR_ID_MOTOROLA`."]
    pub const MOTOROLA: Self = Self(bindings::PCI_VENDOR_ID_MOTOROLA as u16);
    #[doc = "`PCI_VENDOR_ID_MOXA`."]
    pub const MOXA: Self = Self(bindings::PCI_VENDOR_ID_MOXA as u16);
    #[doc = "`PCI_VENDOR_ID_MYLEX`."]
    pub const MYLEX: Self = Self(bindings::PCI_VENDOR_ID_MYLEX as u16);
    #[doc = "`PCI_VENDOR_ID_MYRICOM`."]
    pub const MYRICOM: Self = Self(bindings::PCI_VENDOR_ID_MYRICOM as u16);
    #[doc = "`PCI_VENDOR_ID_NCR`."]
    pub const NCR: Self = Self(bindings::PCI_VENDOR_ID_NCR as u16);
    #[doc = "`PCI_VENDOR_ID_NCUBE`."]
    pub const NCUBE: Self = Self(bindings::PCI_VENDOR_ID_NCUBE as u16);
    #[doc = "`PCI_VENDOR_ID_NEC`."]
    pub const NEC: Self = Self(bindings::PCI_VENDOR_ID_NEC as u16);
    #[doc = "`PCI_VENDOR_ID_NEOMAGIC`."]
    pub const NEOMAGIC: Self = Self(bindings::PCI_VENDOR_ID_NEOMAGIC as u16);
    #[doc = "`PCI_VENDOR_ID_NETCELL`."]
    pub const NETCELL: Self = Self(bindings::PCI_VENDOR_ID_NETCELL as u16);
    #[doc = "`PCI_VENDOR_ID_NETGEAR`."]
    pub const NETGEAR: Self = Self(bindings::PCI_VENDOR_ID_NETGEAR as u16);
    #[doc = "`PCI_VENDOR_ID_NETMOS`."]
    pub const NETMOS: Self = Self(bindings::PCI_VENDOR_ID_NETMOS as u16);
    #[doc = "`PCI_VENDOR_ID_NETRONOME`."]
    pub const NETRONOME: Self = Self(bindings::PCI_VENDOR_ID_NETRONOME as u16);
    #[doc = "`PCI_VENDOR_ID_NETXEN`."]
    pub const NETXEN: Self = Self(bindings::PCI_VENDOR_ID_NETXEN as u16);
    #[doc = "`PCI_VENDOR_ID_NI`."]
    pub const NI: Self = Self(bindings::PCI_VENDOR_ID_NI as u16);
    #[doc = "`PCI_VENDOR_ID_NS`."]
    pub const NS: Self = Self(bindings::PCI_VENDOR_ID_NS as u16);
    #[doc = "`PCI_VENDOR_ID_NVIDIA`."]
    pub const NVIDIA: Self = Self(bindings::PCI_VENDOR_ID_NVIDIA as u16);
    #[doc = "`PCI_VENDOR_ID_NVIDIA_SGS`."]
    pub const NVIDIA_SGS: Self = Self(bindings::PCI_VENDOR_ID_NVIDIA_SGS as u16);
    #[doc = "`PCI_VENDOR_ID_NXP`."]
    pub const NXP: Self = Self(bindings::PCI_VENDOR_ID_NXP as u16);
    #[doc = "`PCI_VENDOR_ID_O2`."]
    pub const O2: Self = Self(bindings::PCI_VENDOR_ID_O2 as u16);
    #[doc = "`PCI_VENDOR_ID_OCZ`."]
    pub const OCZ: Self = Self(bindings::PCI_VENDOR_ID_OCZ as u16);
    #[doc = "`PCI_VENDOR_ID_OLICOM`."]
    pub const OLICOM: Self = Self(bindings::PCI_VENDOR_ID_OLICOM as u16);
    #[doc = "`PCI_VENDOR_ID_OPTI`."]
    pub const OPTI: Self = Self(bindings::PCI_VENDOR_ID_OPTI as u16);
    #[doc = "`PCI_VENDOR_ID_OXSEMI`."]
    pub const OXSEMI: Self = Self(bindings::PCI_VENDOR_ID_OXSEMI as u16);
    #[doc = "`PCI_VENDOR_ID_PANACOM`."]
    pub const PANACOM: Self = Self(bindings::PCI_VENDOR_ID_PANACOM as u16);
    #[doc = "`PCI_VENDOR_ID_PASEMI`."]
    pub const PASEMI: Self = Self(bindings::PCI_VENDOR_ID_PASEMI as u16);
    #[doc = "`PCI_VENDOR_ID_PCI_SIG`."]
    pub const PCI_SIG: Self = Self(bindings::PCI_VENDOR_ID_PCI_SIG as u16);
    #[doc = "`PCI_VENDOR_ID_PCTECH`."]
    pub const PCTECH: Self = Self(bindings::PCI_VENDOR_ID_PCTECH as u16);
    #[doc = "`PCI_VENDOR_ID_PDC`."]
    pub const PDC: Self = Self(bindings::PCI_VENDOR_ID_PDC as u16);
    #[doc = "`PCI_VENDOR_ID_PERICOM`."]
    pub const PERICOM: Self = Self(bindings::PCI_VENDOR_ID_PERICOM as u16);
    #[doc = "`PCI_VENDOR_ID_PHILIPS`."]
    pub const PHILIPS: Self = Self(bindings::PCI_VENDOR_ID_PHILIPS as u16);
    #[doc = "`PCI_VENDOR_ID_PICOPOWER`."]
    pub const PICOPOWER: Self = Self(bindings::PCI_VENDOR_ID_PICOPOWER as u16);
    #[doc = "`PCI_VENDOR_ID_PLX`."]
    pub const PLX: Self = Self(bindings::PCI_VENDOR_ID_PLX as u16);
    #[doc = "`PCI_VENDOR_ID_PROMISE`."]
    pub const PROMISE: Self = Self(bindings::PCI_VENDOR_ID_PROMISE as u16);
    #[doc = "`PCI_VENDOR_ID_QCOM`."]
    pub const QCOM: Self = Self(bindings::PCI_VENDOR_ID_QCOM as u16);
    #[doc = "`PCI_VENDOR_ID_QLOGIC`."]
    pub const QLOGIC: Self = Self(bindings::PCI_VENDOR_ID_QLOGIC as u16);
    #[doc = "`PCI_VENDOR_ID_QMI`."]
    pub const QMI: Self = Self(bindings::PCI_VENDOR_ID_QMI as u16);
    #[doc = "`PCI_VENDOR_ID_QUATECH`."]
    pub const QUATECH: Self = Self(bindings::PCI_VENDOR_ID_QUATECH as u16);
    #[doc = "`PCI_VENDOR_ID_QUICKNET`."]
    pub const QUICKNET: Self = Self(bindings::PCI_VENDOR_ID_QUICKNET as u16);
    #[doc = "`PCI_VENDOR_ID_RADISYS`."]
    pub const RADISYS: Self = Self(bindings::PCI_VENDOR_ID_RADISYS as u16);
    #[doc = "`PCI_VENDOR_ID_RDC`."]
    pub const RDC: Self = Self(bindings::PCI_VENDOR_ID_RDC as u16);
    #[doc = "`PCI_VENDOR_ID_REALTEK`."]
    pub const REALTEK: Self = Self(bindings::PCI_VENDOR_ID_REALTEK as u16);
    #[doc = "`PCI_VENDOR_ID_REDHAT`."]
    pub const REDHAT: Self = Self(bindings::PCI_VENDOR_ID_REDHAT as u16);
    #[doc = "`PCI_VENDOR_ID_REDHAT_QUMRANET`."]
    pub const REDHAT_QUMRANET: Self = Self(bindings::PCI_VENDOR_ID_REDHAT_QUMRANET as u16);
    #[doc = "`PCI_VENDOR_ID_RENESAS`."]
    pub const RENESAS: Self = Self(bindings::PCI_VENDOR_ID_RENESAS as u16);
    #[doc = "`PCI_VENDOR_ID_RICOH`."]
    pub const RICOH: Self = Self(bindings::PCI_VENDOR_ID_RICOH as u16);
    #[doc = "`PCI_VENDOR_ID_ROCKWELL`."]
    pub const ROCKWELL: Self = Self(bindings::PCI_VENDOR_ID_ROCKWELL as u16);
    #[doc = "`PCI_VENDOR_ID_ROHM`."]
    pub const ROHM: Self = Self(bindings::PCI_VENDOR_ID_ROHM as u16);
    #[doc = "`PCI_VENDOR_ID_RP`."]
    pub const RP: Self = Self(bindings::PCI_VENDOR_ID_RP as u16);
    #[doc = "`PCI_VENDOR_ID_S2IO`."]
    pub const S2IO: Self = Self(bindings::PCI_VENDOR_ID_S2IO as u16);
    #[doc = "`PCI_VENDOR_ID_S3`."]
    pub const S3: Self = Self(bindings::PCI_VENDOR_ID_S3 as u16);
    #[doc = "`PCI_VENDOR_ID_SAMSUNG`."]
    pub const SAMSUNG: Self = Self(bindings::PCI_VENDOR_ID_SAMSUNG as u16);
    #[doc = "`PCI_VENDOR_ID_SATSAGEM`."]
    pub const SATSAGEM: Self = Self(bindings::PCI_VENDOR_ID_SATSAGEM as u16);
    #[doc = "`PCI_VENDOR_ID_SBE`."]
    pub const SBE: Self = Self(bindings::PCI_VENDOR_ID_SBE as u16);
    #[doc = "`PCI_VENDOR_ID_SCALEMP`."]
    pub const SCALEMP: Self = Self(bindings::PCI_VENDOR_ID_SCALEMP as u16);
    #[doc = "`PCI_VENDOR_ID_SEALEVEL`."]
    pub const SEALEVEL: Self = Self(bindings::PCI_VENDOR_ID_SEALEVEL as u16);
    #[doc = "`PCI_VENDOR_ID_SERVERWORKS`."]
    pub const SERVERWORKS: Self = Self(bindings::PCI_VENDOR_ID_SERVERWORKS as u16);
    #[doc = "`PCI_VENDOR_ID_SGI`."]
    pub const SGI: Self = Self(bindings::PCI_VENDOR_ID_SGI as u16);
    #[doc = "`PCI_VENDOR_ID_SI`."]
    pub const SI: Self = Self(bindings::PCI_VENDOR_ID_SI as u16);
    #[doc = "`PCI_VENDOR_ID_SIBYTE`."]
    pub const SIBYTE: Self = Self(bindings::PCI_VENDOR_ID_SIBYTE as u16);
    #[doc = "`PCI_VENDOR_ID_SIEMENS`."]
    pub const SIEMENS: Self = Self(bindings::PCI_VENDOR_ID_SIEMENS as u16);
    #[doc = "`PCI_VENDOR_ID_SIGMA`."]
    pub const SIGMA: Self = Self(bindings::PCI_VENDOR_ID_SIGMA as u16);
    #[doc = "`PCI_VENDOR_ID_SIIG`."]
    pub const SIIG: Self = Self(bindings::PCI_VENDOR_ID_SIIG as u16);
    #[doc = "`PCI_VENDOR_ID_SILAN`."]
    pub const SILAN: Self = Self(bindings::PCI_VENDOR_ID_SILAN as u16);
    #[doc = "`PCI_VENDOR_ID_SILICOM_DENMARK`."]
    pub const SILICOM_DENMARK: Self = Self(bindings::PCI_VENDOR_ID_SILICOM_DENMARK as u16);
    #[doc = "`PCI_VENDOR_ID_SIPACKETS`."]
    pub const SIPACKETS: Self = Self(bindings::PCI_VENDOR_ID_SIPACKETS as u16);
    #[doc = "`PCI_VENDOR_ID_SITECOM`."]
    pub const SITECOM: Self = Self(bindings::PCI_VENDOR_ID_SITECOM as u16);
    #[doc = "`PCI_VENDOR_ID_SOLARFLARE`."]
    pub const SOLARFLARE: Self = Self(bindings::PCI_VENDOR_ID_SOLARFLARE as u16);
    #[doc = "`PCI_VENDOR_ID_SOLIDIGM`."]
    pub const SOLIDIGM: Self = Self(bindings::PCI_VENDOR_ID_SOLIDIGM as u16);
    #[doc = "`PCI_VENDOR_ID_SOLIDRUN`."]
    pub const SOLIDRUN: Self = Self(bindings::PCI_VENDOR_ID_SOLIDRUN as u16);
    #[doc = "`PCI_VENDOR_ID_SONY`."]
    pub const SONY: Self = Self(bindings::PCI_VENDOR_ID_SONY as u16);
    #[doc = "`PCI_VENDOR_ID_SPECIALIX`."]
    pub const SPECIALIX: Self = Self(bindings::PCI_VENDOR_ID_SPECIALIX as u16);
    #[doc = "`PCI_VENDOR_ID_STALLION`."]
    pub const STALLION: Self = Self(bindings::PCI_VENDOR_ID_STALLION as u16);
    #[doc = "`PCI_VENDOR_ID_STMICRO`."]
    pub const STMICRO: Self = Self(bindings::PCI_VENDOR_ID_STMICRO as u16);
    #[doc = "`PCI_VENDOR_ID_SUN`."]
    pub const SUN: Self = Self(bindings::PCI_VENDOR_ID_SUN as u16);
    #[doc = "`PCI_VENDOR_ID_SUNDANCE`."]
    pub const SUNDANCE: Self = Self(bindings::PCI_VENDOR_ID_SUNDANCE as u16);
    #[doc = "`PCI_VENDOR_ID_SUNIX`."]
    pub const SUNIX: Self = Self(bindings::PCI_VENDOR_ID_SUNIX as u16);
    #[doc = "`PCI_VENDOR_ID_SYBA`."]
    pub const SYBA: Self = Self(bindings::PCI_VENDOR_ID_SYBA as u16);
    #[doc = "`PCI_VENDOR_ID_SYNOPSYS`."]
    pub const SYNOPSYS: Self = Self(bindings::PCI_VENDOR_ID_SYNOPSYS as u16);
    #[doc = "`PCI_VENDOR_ID_SYSKONNECT`."]
    pub const SYSKONNECT: Self = Self(bindings::PCI_VENDOR_ID_SYSKONNECT as u16);
    #[doc = "`PCI_VENDOR_ID_TCONRAD`."]
    pub const TCONRAD: Self = Self(bindings::PCI_VENDOR_ID_TCONRAD as u16);
    #[doc = "`PCI_VENDOR_ID_TDI`."]
    pub const TDI: Self = Self(bindings::PCI_VENDOR_ID_TDI as u16);
    #[doc = "`PCI_VENDOR_ID_TECHWELL`."]
    pub const TECHWELL: Self = Self(bindings::PCI_VENDOR_ID_TECHWELL as u16);
    #[doc = "`PCI_VENDOR_ID_TEHUTI`."]
    pub const TEHUTI: Self = Self(bindings::PCI_VENDOR_ID_TEHUTI as u16);
    #[doc = "`PCI_VENDOR_ID_TEKRAM`."]
    pub const TEKRAM: Self = Self(bindings::PCI_VENDOR_ID_TEKRAM as u16);
    #[doc = "`PCI_VENDOR_ID_TI`."]
    pub const TI: Self = Self(bindings::PCI_VENDOR_ID_TI as u16);
    #[doc = "`PCI_VENDOR_ID_TIGERJET`."]
    pub const TIGERJET: Self = Self(bindings::PCI_VENDOR_ID_TIGERJET as u16);
    #[doc = "`PCI_VENDOR_ID_TIMEDIA`."]
    pub const TIMEDIA: Self = Self(bindings::PCI_VENDOR_ID_TIMEDIA as u16);
    #[doc = "`PCI_VENDOR_ID_TITAN`."]
    pub const TITAN: Self = Self(bindings::PCI_VENDOR_ID_TITAN as u16);
    #[doc = "`PCI_VENDOR_ID_TOPIC`."]
    pub const TOPIC: Self = Self(bindings::PCI_VENDOR_ID_TOPIC as u16);
    #[doc = "`PCI_VENDOR_ID_TOPSPIN`."]
    pub const TOPSPIN: Self = Self(bindings::PCI_VENDOR_ID_TOPSPIN as u16);
    #[doc = "`PCI_VENDOR_ID_TOSHIBA`."]
    pub const TOSHIBA: Self = Self(bindings::PCI_VENDOR_ID_TOSHIBA as u16);
    #[doc = "`PCI_VENDOR_ID_TOSHIBA_2`."]
    pub const TOSHIBA_2: Self = Self(bindings::PCI_VENDOR_ID_TOSHIBA_2 as u16);
    #[doc = "`PCI_VENDOR_ID_TRANSMETA`."]
    pub const TRANSMETA: Self = Self(bindings::PCI_VENDOR_ID_TRANSMETA as u16);
    #[doc = "`PCI_VENDOR_ID_TRIDENT`."]
    pub const TRIDENT: Self = Self(bindings::PCI_VENDOR_ID_TRIDENT as u16);
    #[doc = "`PCI_VENDOR_ID_TSENG`."]
    pub const TSENG: Self = Self(bindings::PCI_VENDOR_ID_TSENG as u16);
    #[doc = "`PCI_VENDOR_ID_TTI`."]
    pub const TTI: Self = Self(bindings::PCI_VENDOR_ID_TTI as u16);
    #[doc = "`PCI_VENDOR_ID_TTTECH`."]
    pub const TTTECH: Self = Self(bindings::PCI_VENDOR_ID_TTTECH as u16);
    #[doc = "`PCI_VENDOR_ID_UBIQUITI`."]
    pub const UBIQUITI: Self = Self(bindings::PCI_VENDOR_ID_UBIQUITI as u16);
    #[doc = "`PCI_VENDOR_ID_UMC`."]
    pub const UMC: Self = Self(bindings::PCI_VENDOR_ID_UMC as u16);
    #[doc = "`PCI_VENDOR_ID_UNISYS`."]
    pub const UNISYS: Self = Self(bindings::PCI_VENDOR_ID_UNISYS as u16);
    #[doc = "`PCI_VENDOR_ID_USR`."]
    pub const USR: Self = Self(bindings::PCI_VENDOR_ID_USR as u16);
    #[doc = "`PCI_VENDOR_ID_V3`."]
    pub const V3: Self = Self(bindings::PCI_VENDOR_ID_V3 as u16);
    #[doc = "`PCI_VENDOR_ID_VIA`."]
    pub const VIA: Self = Self(bindings::PCI_VENDOR_ID_VIA as u16);
    #[doc = "`PCI_VENDOR_ID_VITESSE`."]
    pub const VITESSE: Self = Self(bindings::PCI_VENDOR_ID_VITESSE as u16);
    #[doc = "`PCI_VENDOR_ID_VLSI`."]
    pub const VLSI: Self = Self(bindings::PCI_VENDOR_ID_VLSI as u16);
    #[doc = "`PCI_VENDOR_ID_VMWARE`."]
    pub const VMWARE: Self = Self(bindings::PCI_VENDOR_ID_VMWARE as u16);
    #[doc = "`PCI_VENDOR_ID_VORTEX`."]
    pub const VORTEX: Self = Self(bindings::PCI_VENDOR_ID_VORTEX as u16);
    #[doc = "`PCI_VENDOR_ID_WANGXUN`."]
    pub const WANGXUN: Self = Self(bindings::PCI_VENDOR_ID_WANGXUN as u16);
    #[doc = "`PCI_VENDOR_ID_WD`."]
    pub const WD: Self = Self(bindings::PCI_VENDOR_ID_WD as u16);
    #[doc = "`PCI_VENDOR_ID_WEITEK`."]
    pub const WEITEK: Self = Self(bindings::PCI_VENDOR_ID_WEITEK as u16);
    #[doc = "`PCI_VENDOR_ID_WINBOND`."]
    pub const WINBOND: Self = Self(bindings::PCI_VENDOR_ID_WINBOND as u16);
    #[doc = "`PCI_VENDOR_ID_WINBOND2`."]
    pub const WINBOND2: Self = Self(bindings::PCI_VENDOR_ID_WINBOND2 as u16);
    #[doc = "`PCI_VENDOR_ID_XEN`."]
    pub const XEN: Self = Self(bindings::PCI_VENDOR_ID_XEN as u16);
    #[doc = "`PCI_VENDOR_ID_XILINX`."]
    pub const XILINX: Self = Self(bindings::PCI_VENDOR_ID_XILINX as u16);
    #[doc = "`PCI_VENDOR_ID_XILINX_RME`."]
    pub const XILINX_RME: Self = Self(bindings::PCI_VENDOR_ID_XILINX_RME as u16);
    #[doc = "`PCI_VENDOR_ID_XIRCOM`."]
    pub const XIRCOM: Self = Self(bindings::PCI_VENDOR_ID_XIRCOM as u16);
    #[doc = "`PCI_VENDOR_ID_YAMAHA`."]
    pub const YAMAHA: Self = Self(bindings::PCI_VENDOR_ID_YAMAHA as u16);
    #[doc = "`PCI_VENDOR_ID_ZEITNET`."]
    pub const ZEITNET: Self = Self(bindings::PCI_VENDOR_ID_ZEITNET as u16);
    #[doc = "`PCI_VENDOR_ID_ZHAOXIN`."]
    pub const ZHAOXIN: Self = Self(bindings::PCI_VENDOR_ID_ZHAOXIN as u16);
    #[doc = "`PCI_VENDOR_ID_ZIATECH`."]
    pub const ZIATECH: Self = Self(bindings::PCI_VENDOR_ID_ZIATECH as u16);
    #[doc = "`PCI_VENDOR_ID_ZOLTRIX`."]
    pub const ZOLTRIX: Self = Self(bindings::PCI_VENDOR_ID_ZOLTRIX as u16);
    #[doc = "`PCI_VENDOR_ID_ZORAN`."]
    pub const ZORAN: Self = Self(bindings::PCI_VENDOR_ID_ZORAN as u16);
}

impl Class {
    #[doc = "`PCI_CLASS_BRIDGE_CARDBUS`."]
    pub const BRIDGE_CARDBUS: Self = Self(Self::widen(bindings::PCI_CLASS_BRIDGE_CARDBUS as u32));
    #[doc = "`PCI_CLASS_BRIDGE_EISA`."]
    pub const BRIDGE_EISA: Self = Self(Self::widen(bindings::PCI_CLASS_BRIDGE_EISA as u32));
    #[doc = "`PCI_CLASS_BRIDGE_HOST`."]
    pub const BRIDGE_HOST: Self = Self(Self::widen(bindings::PCI_CLASS_BRIDGE_HOST as u32));
    #[doc = "`PCI_CLASS_BRIDGE_ISA`."]
    pub const BRIDGE_ISA: Self = Self(Self::widen(bindings::PCI_CLASS_BRIDGE_ISA as u32));
    #[doc = "`PCI_CLASS_BRIDGE_MC`."]
    pub const BRIDGE_MC: Self = Self(Self::widen(bindings::PCI_CLASS_BRIDGE_MC as u32));
    #[doc = "`PCI_CLASS_BRIDGE_NUBUS`."]
    pub const BRIDGE_NUBUS: Self = Self(Self::widen(bindings::PCI_CLASS_BRIDGE_NUBUS as u32));
    #[doc = "`PCI_CLASS_BRIDGE_OTHER`."]
    pub const BRIDGE_OTHER: Self = Self(Self::widen(bindings::PCI_CLASS_BRIDGE_OTHER as u32));
    #[doc = "`PCI_CLASS_BRIDGE_PCI`."]
    pub const BRIDGE_PCI: Self = Self(Self::widen(bindings::PCI_CLASS_BRIDGE_PCI as u32));
    #[doc = "`PCI_CLASS_BRIDGE_PCI_NORMAL`."]
    pub const BRIDGE_PCI_NORMAL: Self = Self(Self::widen(bindings::PCI_CLASS_BRIDGE_PCI_NORMAL as u32));
    #[doc = "`PCI_CLASS_BRIDGE_PCI_SUBTRACTIVE`."]
    pub const BRIDGE_PCI_SUBTRACTIVE: Self = Self(Self::widen(bindings::PCI_CLASS_BRIDGE_PCI_SUBTRACTIVE as u32));
    #[doc = "`PCI_CLASS_BRIDGE_PCMCIA`."]
    pub const BRIDGE_PCMCIA: Self = Self(Self::widen(bindings::PCI_CLASS_BRIDGE_PCMCIA as u32));
    #[doc = "`PCI_CLASS_BRIDGE_RACEWAY`."]
    pub const BRIDGE_RACEWAY: Self = Self(Self::widen(bindings::PCI_CLASS_BRIDGE_RACEWAY as u32));
    #[doc = "`PCI_CLASS_COMMUNICATION_MODEM`."]
    pub const COMMUNICATION_MODEM: Self = Self(Self::widen(bindings::PCI_CLASS_COMMUNICATION_MODEM as u32));
    #[doc = "`PCI_CLASS_COMMUNICATION_MULTISERIAL`."]
    pub const COMMUNICATION_MULTISERIAL: Self = Self(Self::widen(bindings::PCI_CLASS_COMMUNICATION_MULTISERIAL as u32));
    #[doc = "`PCI_CLASS_COMMUNICATION_OTHER`."]
    pub const COMMUNICATION_OTHER: Self = Self(Self::widen(bindings::PCI_CLASS_COMMUNICATION_OTHER as u32));
    #[doc = "`PCI_CLASS_COMMUNICATION_PARALLEL`."]
    pub const COMMUNICATION_PARALLEL: Self = Self(Self::widen(bindings::PCI_CLASS_COMMUNICATION_PARALLEL as u32));
    #[doc = "`PCI_CLASS_COMMUNICATION_SERIAL`."]
    pub const COMMUNICATION_SERIAL: Self = Self(Self::widen(bindings::PCI_CLASS_COMMUNICATION_SERIAL as u32));
    #[doc = "`PCI_CLASS_CRYPT_ENTERTAINMENT`."]
    pub const CRYPT_ENTERTAINMENT: Self = Self(Self::widen(bindings::PCI_CLASS_CRYPT_ENTERTAINMENT as u32));
    #[doc = "`PCI_CLASS_CRYPT_NETWORK`."]
    pub const CRYPT_NETWORK: Self = Self(Self::widen(bindings::PCI_CLASS_CRYPT_NETWORK as u32));
    #[doc = "`PCI_CLASS_CRYPT_OTHER`."]
    pub const CRYPT_OTHER: Self = Self(Self::widen(bindings::PCI_CLASS_CRYPT_OTHER as u32));
    #[doc = "`PCI_CLASS_DISPLAY_3D`."]
    pub const DISPLAY_3D: Self = Self(Self::widen(bindings::PCI_CLASS_DISPLAY_3D as u32));
    #[doc = "`PCI_CLASS_DISPLAY_OTHER`."]
    pub const DISPLAY_OTHER: Self = Self(Self::widen(bindings::PCI_CLASS_DISPLAY_OTHER as u32));
    #[doc = "`PCI_CLASS_DISPLAY_VGA`."]
    pub const DISPLAY_VGA: Self = Self(Self::widen(bindings::PCI_CLASS_DISPLAY_VGA as u32));
    #[doc = "`PCI_CLASS_DISPLAY_XGA`."]
    pub const DISPLAY_XGA: Self = Self(Self::widen(bindings::PCI_CLASS_DISPLAY_XGA as u32));
    #[doc = "`PCI_CLASS_DOCKING_GENERIC`."]
    pub const DOCKING_GENERIC: Self = Self(Self::widen(bindings::PCI_CLASS_DOCKING_GENERIC as u32));
    #[doc = "`PCI_CLASS_DOCKING_OTHER`."]
    pub const DOCKING_OTHER: Self = Self(Self::widen(bindings::PCI_CLASS_DOCKING_OTHER as u32));
    #[doc = "`PCI_CLASS_INPUT_GAMEPORT`."]
    pub const INPUT_GAMEPORT: Self = Self(Self::widen(bindings::PCI_CLASS_INPUT_GAMEPORT as u32));
    #[doc = "`PCI_CLASS_INPUT_KEYBOARD`."]
    pub const INPUT_KEYBOARD: Self = Self(Self::widen(bindings::PCI_CLASS_INPUT_KEYBOARD as u32));
    #[doc = "`PCI_CLASS_INPUT_MOUSE`."]
    pub const INPUT_MOUSE: Self = Self(Self::widen(bindings::PCI_CLASS_INPUT_MOUSE as u32));
    #[doc = "`PCI_CLASS_INPUT_OTHER`."]
    pub const INPUT_OTHER: Self = Self(Self::widen(bindings::PCI_CLASS_INPUT_OTHER as u32));
    #[doc = "`PCI_CLASS_INPUT_PEN`."]
    pub const INPUT_PEN: Self = Self(Self::widen(bindings::PCI_CLASS_INPUT_PEN as u32));
    #[doc = "`PCI_CLASS_INPUT_SCANNER`."]
    pub const INPUT_SCANNER: Self = Self(Self::widen(bindings::PCI_CLASS_INPUT_SCANNER as u32));
    #[doc = "`PCI_CLASS_INTELLIGENT_I2O`."]
    pub const INTELLIGENT_I2O: Self = Self(Self::widen(bindings::PCI_CLASS_INTELLIGENT_I2O as u32));
    #[doc = "`PCI_CLASS_MEMORY_CXL`."]
    pub const MEMORY_CXL: Self = Self(Self::widen(bindings::PCI_CLASS_MEMORY_CXL as u32));
    #[doc = "`PCI_CLASS_MEMORY_FLASH`."]
    pub const MEMORY_FLASH: Self = Self(Self::widen(bindings::PCI_CLASS_MEMORY_FLASH as u32));
    #[doc = "`PCI_CLASS_MEMORY_OTHER`."]
    pub const MEMORY_OTHER: Self = Self(Self::widen(bindings::PCI_CLASS_MEMORY_OTHER as u32));
    #[doc = "`PCI_CLASS_MEMORY_RAM`."]
    pub const MEMORY_RAM: Self = Self(Self::widen(bindings::PCI_CLASS_MEMORY_RAM as u32));
    #[doc = "`PCI_CLASS_MULTIMEDIA_AUDIO`."]
    pub const MULTIMEDIA_AUDIO: Self = Self(Self::widen(bindings::PCI_CLASS_MULTIMEDIA_AUDIO as u32));
    #[doc = "`PCI_CLASS_MULTIMEDIA_HD_AUDIO`."]
    pub const MULTIMEDIA_HD_AUDIO: Self = Self(Self::widen(bindings::PCI_CLASS_MULTIMEDIA_HD_AUDIO as u32));
    #[doc = "`PCI_CLASS_MULTIMEDIA_OTHER`."]
    pub const MULTIMEDIA_OTHER: Self = Self(Self::widen(bindings::PCI_CLASS_MULTIMEDIA_OTHER as u32));
    #[doc = "`PCI_CLASS_MULTIMEDIA_PHONE`."]
    pub const MULTIMEDIA_PHONE: Self = Self(Self::widen(bindings::PCI_CLASS_MULTIMEDIA_PHONE as u32));
    #[doc = "`PCI_CLASS_MULTIMEDIA_VIDEO`."]
    pub const MULTIMEDIA_VIDEO: Self = Self(Self::widen(bindings::PCI_CLASS_MULTIMEDIA_VIDEO as u32));
    #[doc = "`PCI_CLASS_NETWORK_ATM`."]
    pub const NETWORK_ATM: Self = Self(Self::widen(bindings::PCI_CLASS_NETWORK_ATM as u32));
    #[doc = "`PCI_CLASS_NETWORK_ETHERNET`."]
    pub const NETWORK_ETHERNET: Self = Self(Self::widen(bindings::PCI_CLASS_NETWORK_ETHERNET as u32));
    #[doc = "`PCI_CLASS_NETWORK_FDDI`."]
    pub const NETWORK_FDDI: Self = Self(Self::widen(bindings::PCI_CLASS_NETWORK_FDDI as u32));
    #[doc = "`PCI_CLASS_NETWORK_OTHER`."]
    pub const NETWORK_OTHER: Self = Self(Self::widen(bindings::PCI_CLASS_NETWORK_OTHER as u32));
    #[doc = "`PCI_CLASS_NETWORK_TOKEN_RING`."]
    pub const NETWORK_TOKEN_RING: Self = Self(Self::widen(bindings::PCI_CLASS_NETWORK_TOKEN_RING as u32));
    #[doc = "`PCI_CLASS_NOT_DEFINED`."]
    pub const NOT_DEFINED: Self = Self(Self::widen(bindings::PCI_CLASS_NOT_DEFINED as u32));
    #[doc = "`PCI_CLASS_NOT_DEFINED_VGA`."]
    pub const NOT_DEFINED_VGA: Self = Self(Self::widen(bindings::PCI_CLASS_NOT_DEFINED_VGA as u32));
    #[doc = "`PCI_CLASS_OTHERS`."]
    pub const OTHERS: Self = Self(Self::widen(bindings::PCI_CLASS_OTHERS as u32));
    #[doc = "`PCI_CLASS_PROCESSOR_386`."]
    pub const PROCESSOR_386: Self = Self(Self::widen(bindings::PCI_CLASS_PROCESSOR_386 as u32));
    #[doc = "`PCI_CLASS_PROCESSOR_486`."]
    pub const PROCESSOR_486: Self = Self(Self::widen(bindings::PCI_CLASS_PROCESSOR_486 as u32));
    #[doc = "`PCI_CLASS_PROCESSOR_ALPHA`."]
    pub const PROCESSOR_ALPHA: Self = Self(Self::widen(bindings::PCI_CLASS_PROCESSOR_ALPHA as u32));
    #[doc = "`PCI_CLASS_PROCESSOR_CO`."]
    pub const PROCESSOR_CO: Self = Self(Self::widen(bindings::PCI_CLASS_PROCESSOR_CO as u32));
    #[doc = "`PCI_CLASS_PROCESSOR_MIPS`."]
    pub const PROCESSOR_MIPS: Self = Self(Self::widen(bindings::PCI_CLASS_PROCESSOR_MIPS as u32));
    #[doc = "`PCI_CLASS_PROCESSOR_PENTIUM`."]
    pub const PROCESSOR_PENTIUM: Self = Self(Self::widen(bindings::PCI_CLASS_PROCESSOR_PENTIUM as u32));
    #[doc = "`PCI_CLASS_PROCESSOR_POWERPC`."]
    pub const PROCESSOR_POWERPC: Self = Self(Self::widen(bindings::PCI_CLASS_PROCESSOR_POWERPC as u32));
    #[doc = "`PCI_CLASS_SATELLITE_AUDIO`."]
    pub const SATELLITE_AUDIO: Self = Self(Self::widen(bindings::PCI_CLASS_SATELLITE_AUDIO as u32));
    #[doc = "`PCI_CLASS_SATELLITE_DATA`."]
    pub const SATELLITE_DATA: Self = Self(Self::widen(bindings::PCI_CLASS_SATELLITE_DATA as u32));
    #[doc = "`PCI_CLASS_SATELLITE_TV`."]
    pub const SATELLITE_TV: Self = Self(Self::widen(bindings::PCI_CLASS_SATELLITE_TV as u32));
    #[doc = "`PCI_CLASS_SATELLITE_VOICE`."]
    pub const SATELLITE_VOICE: Self = Self(Self::widen(bindings::PCI_CLASS_SATELLITE_VOICE as u32));
    #[doc = "`PCI_CLASS_SERIAL_ACCESS`."]
    pub const SERIAL_ACCESS: Self = Self(Self::widen(bindings::PCI_CLASS_SERIAL_ACCESS as u32));
    #[doc = "`PCI_CLASS_SERIAL_FIBER`."]
    pub const SERIAL_FIBER: Self = Self(Self::widen(bindings::PCI_CLASS_SERIAL_FIBER as u32));
    #[doc = "`PCI_CLASS_SERIAL_FIREWIRE`."]
    pub const SERIAL_FIREWIRE: Self = Self(Self::widen(bindings::PCI_CLASS_SERIAL_FIREWIRE as u32));
    #[doc = "`PCI_CLASS_SERIAL_FIREWIRE_OHCI`."]
    pub const SERIAL_FIREWIRE_OHCI: Self = Self(Self::widen(bindings::PCI_CLASS_SERIAL_FIREWIRE_OHCI as u32));
    #[doc = "`PCI_CLASS_SERIAL_IPMI`."]
    pub const SERIAL_IPMI: Self = Self(Self::widen(bindings::PCI_CLASS_SERIAL_IPMI as u32));
    #[doc = "`PCI_CLASS_SERIAL_IPMI_BT`."]
    pub const SERIAL_IPMI_BT: Self = Self(Self::widen(bindings::PCI_CLASS_SERIAL_IPMI_BT as u32));
    #[doc = "`PCI_CLASS_SERIAL_IPMI_KCS`."]
    pub const SERIAL_IPMI_KCS: Self = Self(Self::widen(bindings::PCI_CLASS_SERIAL_IPMI_KCS as u32));
    #[doc = "`PCI_CLASS_SERIAL_IPMI_SMIC`."]
    pub const SERIAL_IPMI_SMIC: Self = Self(Self::widen(bindings::PCI_CLASS_SERIAL_IPMI_SMIC as u32));
    #[doc = "`PCI_CLASS_SERIAL_SMBUS`."]
    pub const SERIAL_SMBUS: Self = Self(Self::widen(bindings::PCI_CLASS_SERIAL_SMBUS as u32));
    #[doc = "`PCI_CLASS_SERIAL_SSA`."]
    pub const SERIAL_SSA: Self = Self(Self::widen(bindings::PCI_CLASS_SERIAL_SSA as u32));
    #[doc = "`PCI_CLASS_SERIAL_USB`."]
    pub const SERIAL_USB: Self = Self(Self::widen(bindings::PCI_CLASS_SERIAL_USB as u32));
    #[doc = "`PCI_CLASS_SERIAL_USB_DEVICE`."]
    pub const SERIAL_USB_DEVICE: Self = Self(Self::widen(bindings::PCI_CLASS_SERIAL_USB_DEVICE as u32));
    #[doc = "`PCI_CLASS_SERIAL_USB_EHCI`."]
    pub const SERIAL_USB_EHCI: Self = Self(Self::widen(bindings::PCI_CLASS_SERIAL_USB_EHCI as u32));
    #[doc = "`PCI_CLASS_SERIAL_USB_OHCI`."]
    pub const SERIAL_USB_OHCI: Self = Self(Self::widen(bindings::PCI_CLASS_SERIAL_USB_OHCI as u32));
    #[doc = "`PCI_CLASS_SERIAL_USB_UHCI`."]
    pub const SERIAL_USB_UHCI: Self = Self(Self::widen(bindings::PCI_CLASS_SERIAL_USB_UHCI as u32));
    #[doc = "`PCI_CLASS_SERIAL_USB_XHCI`."]
    pub const SERIAL_USB_XHCI: Self = Self(Self::widen(bindings::PCI_CLASS_SERIAL_USB_XHCI as u32));
    #[doc = "`PCI_CLASS_SP_DPIO`."]
    pub const SP_DPIO: Self = Self(Self::widen(bindings::PCI_CLASS_SP_DPIO as u32));
    #[doc = "`PCI_CLASS_SP_OTHER`."]
    pub const SP_OTHER: Self = Self(Self::widen(bindings::PCI_CLASS_SP_OTHER as u32));
    #[doc = "`PCI_CLASS_STORAGE_EXPRESS`."]
    pub const STORAGE_EXPRESS: Self = Self(Self::widen(bindings::PCI_CLASS_STORAGE_EXPRESS as u32));
    #[doc = "`PCI_CLASS_STORAGE_FLOPPY`."]
    pub const STORAGE_FLOPPY: Self = Self(Self::widen(bindings::PCI_CLASS_STORAGE_FLOPPY as u32));
    #[doc = "`PCI_CLASS_STORAGE_IDE`."]
    pub const STORAGE_IDE: Self = Self(Self::widen(bindings::PCI_CLASS_STORAGE_IDE as u32));
    #[doc = "`PCI_CLASS_STORAGE_IPI`."]
    pub const STORAGE_IPI: Self = Self(Self::widen(bindings::PCI_CLASS_STORAGE_IPI as u32));
    #[doc = "`PCI_CLASS_STORAGE_OTHER`."]
    pub const STORAGE_OTHER: Self = Self(Self::widen(bindings::PCI_CLASS_STORAGE_OTHER as u32));
    #[doc = "`PCI_CLASS_STORAGE_RAID`."]
    pub const STORAGE_RAID: Self = Self(Self::widen(bindings::PCI_CLASS_STORAGE_RAID as u32));
    #[doc = "`PCI_CLASS_STORAGE_SAS`."]
    pub const STORAGE_SAS: Self = Self(Self::widen(bindings::PCI_CLASS_STORAGE_SAS as u32));
    #[doc = "`PCI_CLASS_STORAGE_SATA`."]
    pub const STORAGE_SATA: Self = Self(Self::widen(bindings::PCI_CLASS_STORAGE_SATA as u32));
    #[doc = "`PCI_CLASS_STORAGE_SATA_AHCI`."]
    pub const STORAGE_SATA_AHCI: Self = Self(Self::widen(bindings::PCI_CLASS_STORAGE_SATA_AHCI as u32));
    #[doc = "`PCI_CLASS_STORAGE_SCSI`."]
    pub const STORAGE_SCSI: Self = Self(Self::widen(bindings::PCI_CLASS_STORAGE_SCSI as u32));
    #[doc = "`PCI_CLASS_SYSTEM_DMA`."]
    pub const SYSTEM_DMA: Self = Self(Self::widen(bindings::PCI_CLASS_SYSTEM_DMA as u32));
    #[doc = "`PCI_CLASS_SYSTEM_OTHER`."]
    pub const SYSTEM_OTHER: Self = Self(Self::widen(bindings::PCI_CLASS_SYSTEM_OTHER as u32));
    #[doc = "`PCI_CLASS_SYSTEM_PCI_HOTPLUG`."]
    pub const SYSTEM_PCI_HOTPLUG: Self = Self(Self::widen(bindings::PCI_CLASS_SYSTEM_PCI_HOTPLUG as u32));
    #[doc = "`PCI_CLASS_SYSTEM_PIC`."]
    pub const SYSTEM_PIC: Self = Self(Self::widen(bindings::PCI_CLASS_SYSTEM_PIC as u32));
    #[doc = "`PCI_CLASS_SYSTEM_PIC_IOAPIC`."]
    pub const SYSTEM_PIC_IOAPIC: Self = Self(Self::widen(bindings::PCI_CLASS_SYSTEM_PIC_IOAPIC as u32));
    #[doc = "`PCI_CLASS_SYSTEM_PIC_IOXAPIC`."]
    pub const SYSTEM_PIC_IOXAPIC: Self = Self(Self::widen(bindings::PCI_CLASS_SYSTEM_PIC_IOXAPIC as u32));
    #[doc = "`PCI_CLASS_SYSTEM_RCEC`."]
    pub const SYSTEM_RCEC: Self = Self(Self::widen(bindings::PCI_CLASS_SYSTEM_RCEC as u32));
    #[doc = "`PCI_CLASS_SYSTEM_RTC`."]
    pub const SYSTEM_RTC: Self = Self(Self::widen(bindings::PCI_CLASS_SYSTEM_RTC as u32));
    #[doc = "`PCI_CLASS_SYSTEM_SDHCI`."]
    pub const SYSTEM_SDHCI: Self = Self(Self::widen(bindings::PCI_CLASS_SYSTEM_SDHCI as u32));
    #[doc = "`PCI_CLASS_SYSTEM_TIMER`."]
    pub const SYSTEM_TIMER: Self = Self(Self::widen(bindings::PCI_CLASS_SYSTEM_TIMER as u32));
    #[doc = "`PCI_CLASS_WIRELESS_RF_CONTROLLER`."]
    pub const WIRELESS_RF_CONTROLLER: Self = Self(Self::widen(bindings::PCI_CLASS_WIRELESS_RF_CONTROLLER as u32));
    #[doc = "`PCI_CLASS_WIRELESS_WHCI`."]
    pub const WIRELESS_WHCI: Self = Self(Self::widen(bindings::PCI_CLASS_WIRELESS_WHCI as u32));
}
