//! How a frozen file schema and the live model convert: [`Thaw`] reads a file's type into
//! the model's, [`Freeze`] writes the model's as the file's. Plain values and containers
//! convert element by element, so each schema spells out only its own types.

/// A file schema's value as the live model's.
pub trait Thaw<T> {
    fn thaw(self) -> T;
}

/// The live model's value as a file schema's.
pub trait Freeze<T> {
    fn freeze(&self) -> T;
}

macro_rules! same {
    ($($t:ty),*) => {$(
        impl Thaw<$t> for $t {
            fn thaw(self) -> $t {
                self
            }
        }
        impl Freeze<$t> for $t {
            fn freeze(&self) -> $t {
                self.clone()
            }
        }
    )*};
}

// Decimals convert through the file's own decimal type (`dec::Dec`), read exactly.
same!(String, bool, u8, u32, u64, usize);

impl<T, U: Thaw<T>> Thaw<Vec<T>> for Vec<U> {
    fn thaw(self) -> Vec<T> {
        self.into_iter().map(Thaw::thaw).collect()
    }
}

impl<T, U: Freeze<T>> Freeze<Vec<T>> for Vec<U> {
    fn freeze(&self) -> Vec<T> {
        self.iter().map(Freeze::freeze).collect()
    }
}

impl<T, U: Thaw<T>> Thaw<Option<T>> for Option<U> {
    fn thaw(self) -> Option<T> {
        self.map(Thaw::thaw)
    }
}

impl<T, U: Freeze<T>> Freeze<Option<T>> for Option<U> {
    fn freeze(&self) -> Option<T> {
        self.as_ref().map(Freeze::freeze)
    }
}
