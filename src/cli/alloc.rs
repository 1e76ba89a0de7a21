//! The allocator: the system's (glibc) for everything, except that `samenspel aggregate`
//! switches to mimalloc for what it allocates from then on.
//!
//! Why two: reading a thousand sessions is millions of small allocations freed soon after,
//! where glibc's allocator spent ~40 % of the aggregate's time (mimalloc halves that), but
//! mimalloc as the only allocator kept the screens' memory at opening a 100,000-change
//! session at 95 MB instead of 60 MB. So the screens, `check`, `serve` and every other
//! command never touch mimalloc: it is switched on once, by the aggregate, and never off.
//!
//! A block is freed (or grown) by the allocator that made it, whichever is switched on
//! then: mimalloc knows its own blocks (`mi_is_in_heap_region`, the look-up in its page map
//! that its own `free` makes; false for every pointer before it made any block), and every
//! other block is glibc's.

use std::alloc::{GlobalAlloc, Layout, System};
use std::ffi::c_void;
use std::sync::atomic::{AtomicBool, Ordering};

use libmimalloc_sys as mi;

/// Whether new blocks come from mimalloc.
static MIMALLOC: AtomicBool = AtomicBool::new(false);

/// mimalloc's option `allow_thp` (its place in `mi_option_e`, mimalloc.h of the v3 sources
/// that libmimalloc-sys 0.1.49 builds; the crate names no constant for it).
const ALLOW_THP: mi::mi_option_t = 43;

/// From now on, new blocks of every thread come from mimalloc (for the aggregate only).
///
/// Without transparent huge pages: with them, every block mimalloc takes fresh from the
/// system was a 2 MiB page cleared by the kernel, a sixth of the aggregate's samples over
/// 1,000 sessions (system time 0.5-1.0 s, 0.17-0.32 s without; BENCHMARKS.md).
pub fn use_mimalloc() {
    // SAFETY: sets one of mimalloc's options; mimalloc reads it whenever it maps memory.
    unsafe { mi::mi_option_set(ALLOW_THP, 0) };
    MIMALLOC.store(true, Ordering::Relaxed);
}

/// The system's allocator, or mimalloc once switched on.
pub struct Switched;

fn mimalloc_on() -> bool {
    MIMALLOC.load(Ordering::Relaxed)
}

/// Whether mimalloc made the block at `ptr`. Until it is switched on it made none, so
/// the screens and every other command never ask it.
fn is_mimalloc(ptr: *mut u8) -> bool {
    // SAFETY: a look-up in mimalloc's page map; any pointer may be asked.
    mimalloc_on() && unsafe { mi::mi_is_in_heap_region(ptr.cast::<c_void>().cast_const()) }
}

/// The alignment every block of mimalloc has when it is at least this large (as the
/// system's allocator; the `mimalloc` crate's rule): such a block needs none of the aligned
/// calls' work (1.1 % of the aggregate's instructions).
const MIN_ALIGN: usize = 16;

/// Whether a block of `size` bytes aligned to `align` comes aligned from mimalloc's plain
/// calls, so that it need not be asked for.
fn plain(align: usize, size: usize) -> bool {
    align <= MIN_ALIGN && align <= size
}

// SAFETY: every block is made by one of two allocators that each meet `GlobalAlloc`'s
// contract, and is freed or grown only by the one that made it.
unsafe impl GlobalAlloc for Switched {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if mimalloc_on() {
            // SAFETY: as `GlobalAlloc::alloc` (a size above zero, a power-of-two alignment;
            // mimalloc's plain blocks have `MIN_ALIGN` when they are that large).
            unsafe {
                if plain(layout.align(), layout.size()) {
                    mi::mi_malloc(layout.size()).cast::<u8>()
                } else {
                    mi::mi_malloc_aligned(layout.size(), layout.align()).cast::<u8>()
                }
            }
        } else {
            // SAFETY: as above.
            unsafe { System.alloc(layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if mimalloc_on() {
            // SAFETY: as `GlobalAlloc::alloc_zeroed`.
            unsafe {
                if plain(layout.align(), layout.size()) {
                    mi::mi_zalloc(layout.size()).cast::<u8>()
                } else {
                    mi::mi_zalloc_aligned(layout.size(), layout.align()).cast::<u8>()
                }
            }
        } else {
            // SAFETY: as above.
            unsafe { System.alloc_zeroed(layout) }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if is_mimalloc(ptr) {
            // SAFETY: a live block of mimalloc's, freed once.
            unsafe { mi::mi_free(ptr.cast::<c_void>()) }
        } else {
            // SAFETY: a live block of the system's, with the layout it was made with.
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if is_mimalloc(ptr) {
            // SAFETY: a live block of mimalloc's, with its alignment.
            unsafe {
                if plain(layout.align(), new_size) {
                    mi::mi_realloc(ptr.cast::<c_void>(), new_size).cast::<u8>()
                } else {
                    mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align())
                        .cast::<u8>()
                }
            }
        } else {
            // SAFETY: a live block of the system's, with the layout it was made with (a
            // system block stays the system's; only new blocks switch).
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }
}
