// One dialog for every small form that sends one request: validate, send, say it worked (or show the
// server's message), close. The ledger's assign, report and project-update dialogs are each only their fields.
import { App as AntApp, Form, Modal } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../api';
import { useLang } from '../i18n';

/** Run a write, then say it worked (or show the server's message) and carry on: one way for every button. */
export function useWrite() {
  const { message } = AntApp.useApp();
  return async <T,>(
    write: () => Promise<T>,
    done: (result: T) => string,
    after: () => void,
  ): Promise<void> => {
    try {
      const result = await write();
      message.success(done(result));
      after();
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : String(error));
    }
  };
}

export interface FormDialogProps<V> {
  /** Shown while true; the form starts again from `initialValues` each time. */
  open: boolean;
  title: string;
  okText: string;
  className?: string;
  initialValues?: Partial<V>;
  /** The request the filled form makes. */
  send: (values: V) => Promise<unknown>;
  /** What to say when it worked. */
  done: string;
  /** Closed: after a success, or cancelled. */
  onDone: () => void;
  children: ReactNode;
}

export function FormDialog<V extends object>(props: FormDialogProps<V>) {
  const { t } = useLang();
  const write = useWrite();
  const [form] = Form.useForm<V>();
  const submit = async () => {
    const values = await form.validateFields();
    await write(
      () => props.send(values),
      () => props.done,
      props.onDone,
    );
  };
  return (
    <Modal
      open={props.open}
      destroyOnHidden
      title={props.title}
      okText={props.okText}
      cancelText={t('取消', 'Cancel')}
      onOk={submit}
      onCancel={props.onDone}
    >
      <Form
        form={form}
        layout="vertical"
        className={props.className}
        preserve={false}
        initialValues={props.initialValues}
      >
        {props.children}
      </Form>
    </Modal>
  );
}
