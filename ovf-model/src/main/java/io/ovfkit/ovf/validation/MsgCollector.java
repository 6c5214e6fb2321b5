package io.ovfkit.ovf.validation;

import io.ovfkit.ovf.model.Msg;
import io.ovfkit.ovf.model.Strings;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/** Collects the {@code ovf:msgid}s used by localizable elements anywhere in a model tree. */
final class MsgCollector {
    private MsgCollector() {
    }

    static void collect(Object root, Set<String> ids) {
        walk(root, ids, new IdentityHashMap<>());
    }

    private static void walk(Object o, Set<String> ids, Map<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null || o instanceof Strings) {
            return;
        }
        if (o instanceof Msg m) {
            if (m.getMsgid() != null && !m.getMsgid().isEmpty()) {
                ids.add(m.getMsgid());
            }
            return;
        }
        if (o instanceof Collection<?> c) {
            for (Object x : c) {
                walk(x, ids, seen);
            }
            return;
        }
        if (!o.getClass().getPackageName().equals(Msg.class.getPackageName())) {
            return;
        }
        for (Class<?> k = o.getClass(); k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive() || f.getType() == String.class) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    walk(f.get(o), ids, seen);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // a field we cannot read holds no messages we could report
                }
            }
        }
    }
}
