//! Hashing a template's data without printing it: a serde serializer that feeds every value,
//! with a tag for its kind and a length for its size, straight into xxh3. It tells values
//! that it is not human-readable, so a value that is costly to print but cheap to identify
//! can give its identity instead.

use serde::ser::{self, Serialize};
use xxhash_rust::xxh3::Xxh3;

/// Hashes `value` into `hash`. Fails only for what serde cannot express (then the caller
/// treats the page as changed).
pub fn hash_into<T: Serialize + ?Sized>(hash: &mut Xxh3, value: &T) -> Result<(), Error> {
    value.serialize(&mut Hashing(hash))
}

/// A value shown on many pages (a procedure's summary is in up to eight listings), hashed
/// once: printed into a page's data as the value, hashed as its digest.
pub struct Digested<T> {
    value: T,
    /// `None` if the value could not be hashed: then it is hashed where it is used.
    digest: Option<u128>,
}

impl<T: Serialize> Digested<T> {
    pub fn new(value: T) -> Digested<T> {
        let mut hash = Xxh3::new();
        let digest = hash_into(&mut hash, &value).ok().map(|()| hash.digest128());
        Digested { value, digest }
    }
}

impl<T> std::ops::Deref for Digested<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: Serialize> Serialize for Digested<T> {
    fn serialize<Z: ser::Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        match self.digest {
            Some(digest) if !serializer.is_human_readable() => serializer.serialize_u128(digest),
            _ => self.value.serialize(serializer),
        }
    }
}

#[derive(Debug)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

struct Hashing<'a>(&'a mut Xxh3);

impl Hashing<'_> {
    fn tag(&mut self, tag: u8) {
        self.0.update(&[tag]);
    }

    fn bytes(&mut self, tag: u8, bytes: &[u8]) {
        self.tag(tag);
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
    }

    fn len(&mut self, tag: u8, len: Option<usize>) {
        self.tag(tag);
        self.0
            .update(&len.map_or(u64::MAX, |n| n as u64).to_le_bytes());
    }
}

macro_rules! number {
    ($method:ident, $type:ty, $tag:literal) => {
        fn $method(self, v: $type) -> Result<(), Error> {
            self.tag($tag);
            self.0.update(&v.to_le_bytes());
            Ok(())
        }
    };
}

impl ser::Serializer for &mut Hashing<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn is_human_readable(&self) -> bool {
        false
    }

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.tag(if v { 1 } else { 2 });
        Ok(())
    }

    number!(serialize_i8, i8, 3);
    number!(serialize_i16, i16, 4);
    number!(serialize_i32, i32, 5);
    number!(serialize_i64, i64, 6);
    number!(serialize_i128, i128, 7);
    number!(serialize_u8, u8, 8);
    number!(serialize_u16, u16, 9);
    number!(serialize_u32, u32, 10);
    number!(serialize_u64, u64, 11);
    number!(serialize_u128, u128, 12);
    number!(serialize_f32, f32, 13);
    number!(serialize_f64, f64, 14);

    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.bytes(15, v.encode_utf8(&mut [0; 4]).as_bytes());
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.bytes(16, v.as_bytes());
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        self.bytes(17, v);
        Ok(())
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.tag(18);
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        self.tag(19);
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.tag(20);
        Ok(())
    }

    fn serialize_unit_struct(self, name: &'static str) -> Result<(), Error> {
        self.bytes(21, name.as_bytes());
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.bytes(22, variant.as_bytes());
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.bytes(23, variant.as_bytes());
        value.serialize(self)
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self, Error> {
        self.len(24, len);
        Ok(self)
    }

    fn serialize_tuple(self, len: usize) -> Result<Self, Error> {
        self.len(25, Some(len));
        Ok(self)
    }

    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Self, Error> {
        self.len(25, Some(len));
        Ok(self)
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self, Error> {
        self.bytes(26, variant.as_bytes());
        self.len(25, Some(len));
        Ok(self)
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Self, Error> {
        self.len(27, len);
        Ok(self)
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Self, Error> {
        self.len(28, Some(len));
        Ok(self)
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self, Error> {
        self.bytes(26, variant.as_bytes());
        self.len(28, Some(len));
        Ok(self)
    }
}

/// Every compound: its elements in order, then an end tag (lengths may be unknown).
macro_rules! compound {
    ($trait:ident, $method:ident) => {
        impl ser::$trait for &mut Hashing<'_> {
            type Ok = ();
            type Error = Error;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                value.serialize(&mut **self)
            }

            fn end(self) -> Result<(), Error> {
                self.tag(29);
                Ok(())
            }
        }
    };
}

compound!(SerializeSeq, serialize_element);
compound!(SerializeTuple, serialize_element);
compound!(SerializeTupleStruct, serialize_field);
compound!(SerializeTupleVariant, serialize_field);

impl ser::SerializeMap for &mut Hashing<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        key.serialize(&mut **self)
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut **self)
    }

    fn end(self) -> Result<(), Error> {
        self.tag(29);
        Ok(())
    }
}

/// Struct fields are hashed with their names, so that two fields swapping values differ.
macro_rules! fields {
    ($trait:ident) => {
        impl ser::$trait for &mut Hashing<'_> {
            type Ok = ();
            type Error = Error;

            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.bytes(30, key.as_bytes());
                value.serialize(&mut **self)
            }

            fn skip_field(&mut self, key: &'static str) -> Result<(), Error> {
                self.bytes(31, key.as_bytes());
                Ok(())
            }

            fn end(self) -> Result<(), Error> {
                self.tag(29);
                Ok(())
            }
        }
    };
}

fields!(SerializeStruct);
fields!(SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    fn digest<T: Serialize + ?Sized>(value: &T) -> u128 {
        let mut h = Xxh3::new();
        hash_into(&mut h, value).unwrap();
        h.digest128()
    }

    #[derive(Serialize)]
    struct Page<'a> {
        title: &'a str,
        items: Vec<&'a str>,
        note: Option<&'a str>,
    }

    #[test]
    fn equal_data_hash_equal_and_any_difference_shows() {
        let base = digest(&page("Khai sinh", vec!["a", "b"], None));
        assert_eq!(base, digest(&page("Khai sinh", vec!["a", "b"], None)));
        for other in [
            page("Khai tử", vec!["a", "b"], None),
            page("Khai sinh", vec!["ab"], None),
            page("Khai sinh", vec!["a", "b", ""], None),
            page("Khai sinh", vec!["b", "a"], None),
            page("Khai sinh", vec!["a", "b"], Some("")),
        ] {
            assert_ne!(base, digest(&other));
        }
        // Boundaries between strings count: ("ab", "") is not ("a", "b").
        assert_ne!(digest(&("ab", "")), digest(&("a", "b")));
    }

    #[test]
    fn a_digested_value_hashes_by_its_digest_and_prints_as_itself() {
        let one = Digested::new(page("Khai sinh", vec!["a"], None));
        let other = Digested::new(page("Khai tử", vec!["a"], None));
        assert_eq!(
            digest(&one),
            digest(&digest(&page("Khai sinh", vec!["a"], None)))
        );
        assert_ne!(digest(&one), digest(&other));
        assert_eq!(
            serde_json::to_value(&one).unwrap(),
            serde_json::to_value(page("Khai sinh", vec!["a"], None)).unwrap()
        );
    }

    fn page(
        title: &'static str,
        items: Vec<&'static str>,
        note: Option<&'static str>,
    ) -> Page<'static> {
        Page { title, items, note }
    }
}
