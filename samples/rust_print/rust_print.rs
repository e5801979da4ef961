//! Printing from Rust: every log level, and `core::fmt` formatting of
//! integers, strings and structs.

use kernel::prelude::*;

module! {
    type: RustPrint,
    name: "rust_print",
    author: "krust",
    description: "Rust printing macros sample",
    license: "GPL",
}

#[derive(Debug)]
struct Point {
    x: i32,
    y: i32,
}

#[derive(Debug)]
enum Shape {
    Circle { center: Point, radius: u32 },
    Segment(Point, Point),
}

impl Point {
    fn distance(&self) -> u32 {
        self.x.unsigned_abs() + self.y.unsigned_abs()
    }
}

impl Shape {
    fn extent(&self) -> u32 {
        match self {
            Shape::Circle { center, radius } => center.distance() + radius,
            Shape::Segment(a, b) => a.distance().max(b.distance()),
        }
    }
}

struct RustPrint;

fn levels() {
    pr_emerg!("level emerg\n");
    pr_alert!("level alert\n");
    pr_crit!("level crit\n");
    pr_err!("level err\n");
    pr_warn!("level warn\n");
    pr_notice!("level notice\n");
    pr_info!("level info\n");
    pr_debug!("level debug\n");
}

fn integers() {
    pr_info!("decimal {} {} {} {}\n", 42u8, -42i16, i32::MIN, u64::MAX);
    pr_info!("i128 {}\n", i128::MIN);
    pr_info!("hex {:x} {:#X} {:#010x}\n", 255u32, 0xbeefu16, 0x1234u32);
    pr_info!("octal {:o} binary {:#b}\n", 8u8, 5u8);
    pr_info!("padded [{:5}] [{:<5}] [{:^5}] [{:+}]\n", 7, 7, 7, 7);
}

fn strings() {
    let name = "krust";
    pr_info!("string {} [{:>8}] [{:.3}]\n", name, name, name);
    pr_info!("char {} escaped {:?}\n", 'R', "tab\there");
    pr_info!("bool {} {}\n", true, false);
}

fn structs() {
    let p = Point { x: 1, y: -2 };
    pr_info!("struct {:?} at distance {}\n", p, p.distance());
    pr_info!("pretty {:#?}\n", p);
    let shapes = [
        Shape::Circle { center: Point { x: 0, y: 0 }, radius: 3 },
        Shape::Segment(Point { x: 1, y: 1 }, Point { x: 2, y: 2 }),
    ];
    for s in &shapes {
        pr_info!("enum {:?} extent {}\n", s, s.extent());
    }
    pr_info!("option {:?} {:?} result {:?}\n", Some(5), None::<u8>, Err::<u8, _>(EINVAL));
    pr_info!("slice {:?}\n", &[1, 2, 3][..]);
}

impl Module for RustPrint {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        levels();
        integers();
        strings();
        structs();
        pr_info!("no trailing newline");
        Ok(RustPrint)
    }
}

impl Drop for RustPrint {
    fn drop(&mut self) {
        pr_info!("unloaded\n");
    }
}
